//! Name mentions, titles and in-document coreference, on sentences written for these tests.

use whosaid::{EntitySource, Pipeline};

/// (mention text, label, canonical, source) of every entity.
fn entities(text: &str) -> Vec<(String, String, String, EntitySource)> {
    let doc = Pipeline::new().analyze(text);
    doc.entities
        .iter()
        .map(|e| {
            (
                e.span.as_str(text).to_string(),
                e.label.to_string(),
                e.canonical.to_string(),
                e.source,
            )
        })
        .collect()
}

fn has(
    found: &[(String, String, String, EntitySource)],
    mention: &str,
    label: &str,
    canonical: &str,
    source: EntitySource,
) -> bool {
    found.iter().any(|(m, l, c, s)| m == mention && l == label && c == canonical && *s == source)
}

/// Asserts that each of `names` is found as a person named in full.
fn assert_people(found: &[(String, String, String, EntitySource)], names: &[&str]) {
    for &name in names {
        assert!(has(found, name, "PERSON", name, EntitySource::Name), "{name}: {found:?}");
    }
}

#[test]
fn partial_mentions_join_the_full_name() {
    let text = "Sergei Lavrov arrived in the morning. Lavrov spoke briefly. Later Mr. Lavrov left.";
    let found = entities(text);
    assert!(
        has(&found, "Sergei Lavrov", "PERSON", "Sergei Lavrov", EntitySource::Name),
        "{found:?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|(m, _, c, s)| m == "Lavrov"
                && c == "Sergei Lavrov"
                && *s == EntitySource::Coref)
            .count(),
        2,
        "{found:?}"
    );
}

#[test]
fn names_of_many_shapes() {
    let text = "Siobhan O'Neill-Baptiste met Bashar al-Assad and Ludwig van Beethoven. Later, O'Neill-Baptiste spoke.";
    let found = entities(text);
    assert_people(&found, &["Siobhan O'Neill-Baptiste", "Bashar al-Assad", "Ludwig van Beethoven"]);
    assert!(
        has(&found, "O'Neill-Baptiste", "PERSON", "Siobhan O'Neill-Baptiste", EntitySource::Coref),
        "{found:?}"
    );
}

#[test]
fn titles_are_not_part_of_the_name() {
    let text = "Russian Foreign Ministry spokesperson Maria Zakharova and Foreign Minister Sergei Lavrov spoke.";
    let found = entities(text);
    assert!(
        has(&found, "Maria Zakharova", "PERSON", "Maria Zakharova", EntitySource::Name),
        "{found:?}"
    );
    assert!(
        has(&found, "Sergei Lavrov", "PERSON", "Sergei Lavrov", EntitySource::Name),
        "{found:?}"
    );
    // "Russian" is the gazetteer's (NORP); the ministry is organisation-shaped.
    assert!(
        has(&found, "Foreign Ministry", "ORG", "Foreign Ministry", EntitySource::Name),
        "{found:?}"
    );
    assert!(!found.iter().any(|(m, ..)| m.contains("Minister ")), "{found:?}");
}

#[test]
fn capitalized_common_words_are_not_names() {
    let text =
        "However, the talks failed. The senators left on Monday from Freedonia. Officials agreed in Sylvania. The West waited.";
    let found = entities(text);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_place_after_a_title_or_as_a_known_surname_is_a_person() {
    // Warren and Lincoln are towns of the default gazetteer.
    let text = "Elizabeth Warren spoke. Sen. Warren said the bill failed. Warren added that \
                Mr. Lincoln agreed, in Lincoln, and flew to Warren.";
    let found = entities(text);
    let warren = |m: &str, l: &str, c: &str, s| has(&found, m, l, c, s);
    assert!(warren("Warren", "PERSON", "Elizabeth Warren", EntitySource::Coref), "{found:?}");
    assert!(has(&found, "Lincoln", "PERSON", "Lincoln", EntitySource::Name), "{found:?}");
    // After a preposition, each stays a place: the person and the place stay apart.
    let places: Vec<_> = found.iter().filter(|(_, l, _, _)| l == "GPE").collect();
    assert_eq!(places.len(), 2, "{found:?}");
    assert!(places.iter().all(|(_, _, _, s)| *s == EntitySource::Gazetteer), "{found:?}");
    let speakers: Vec<String> = Pipeline::new()
        .analyze(text)
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| s.canonical.to_string()))
        .collect();
    assert!(
        !speakers.is_empty() && speakers.iter().all(|s| s == "Elizabeth Warren"),
        "{speakers:?}"
    );
}

#[test]
fn function_words_opening_a_sentence_before_a_place_are_not_names() {
    // "In", "So", "An" and "My" are given names in the name lists.
    let text = "In Moscow, talks failed. So Ohio voted. An Iowa poll came. My Texas friends left.";
    let found = entities(text);
    assert!(found.iter().all(|(_, l, _, _)| l != "PERSON"), "{found:?}");
}

#[test]
fn names_can_be_switched_off() {
    let pipeline = Pipeline::builder().names(false).build().expect("builds");
    assert!(pipeline.analyze("Maria Zakharova spoke.").entities.is_empty());
}

#[test]
fn a_first_name_before_a_place_is_a_person() {
    let text = "Rep. Jim Jordan (R-Ohio) met Sen. Elizabeth Warren in Jordan, and Kerry Washington flew to Washington.";
    let found = entities(text);
    assert_people(&found, &["Jim Jordan", "Elizabeth Warren", "Kerry Washington"]);
    for place in ["Jordan", "Washington", "Ohio"] {
        assert!(
            found
                .iter()
                .any(|(m, l, _, s)| m == place && l == "GPE" && *s == EntitySource::Gazetteer),
            "{place}: {found:?}"
        );
    }
    // A continent or region is not a first name, whatever the name lists say.
    let regions = entities("Members of the Asia Pacific forum met in Lima.");
    assert!(regions.iter().all(|(_, l, _, _)| l != "PERSON"), "{regions:?}");
}
