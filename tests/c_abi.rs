//! The C side of the ABI: `bindings/c/example.c` and `bindings/c/misuse.c` compiled with
//! `cc` against the static and the shared library, run, their output checked against the
//! Rust API, and run under valgrind with zero errors and zero leaks.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use whosaid::{Gazetteer, Pipeline, Span};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>/deps`, where `cargo test` leaves `libwhosaid.a` and `libwhosaid.so`
/// (only `cargo build` copies them one level up).
fn lib_dir(file: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap().to_path_buf();
    let profile = deps.parent().unwrap().to_path_buf();
    [deps, profile]
        .into_iter()
        .find(|d| d.join(file).exists())
        .unwrap_or_else(|| panic!("{file} not built: crate-type must list staticlib and cdylib"))
}

enum Link {
    Static,
    Shared,
}

/// Where the C executables go: `target/<profile>/c`.
fn out_dir() -> PathBuf {
    let dir = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("c");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Compiles `bindings/c/<name>.c` with warnings as errors; returns the executable, under a
/// name of its own since tests run in parallel.
fn compile(name: &str, link: Link) -> PathBuf {
    static BUILDS: AtomicUsize = AtomicUsize::new(0);
    let n = BUILDS.fetch_add(1, Ordering::Relaxed);
    compile_file(&root().join(format!("bindings/c/{name}.c")), &format!("{name}-{n}"), link)
}

/// Compiles the C file `source` into `target/<profile>/c/<exe>-static` or `-shared`.
fn compile_file(source: &Path, exe: &str, link: Link) -> PathBuf {
    let mut cc = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()));
    cc.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-g", "-I"])
        .arg(root().join("include"))
        .arg(source);
    let exe = match link {
        Link::Static => {
            cc.arg(lib_dir("libwhosaid.a").join("libwhosaid.a")).args(["-lpthread", "-ldl", "-lm"]);
            out_dir().join(format!("{exe}-static"))
        }
        Link::Shared => {
            let dir = lib_dir("libwhosaid.so");
            // DT_RPATH, unlike the default DT_RUNPATH, wins over the LD_LIBRARY_PATH that
            // cargo sets, which can name a stale copy of the library in target/<profile>.
            cc.arg("-L")
                .arg(&dir)
                .arg("-Wl,--disable-new-dtags")
                .arg(format!("-Wl,-rpath,{}", dir.display()))
                .arg("-lwhosaid");
            out_dir().join(format!("{exe}-shared"))
        }
    };
    let status = cc.arg("-o").arg(&exe).status().expect("a C compiler `cc` on PATH");
    assert!(status.success(), "compiling {} failed", source.display());
    exe
}

fn run(mut cmd: Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const ARTICLE: &str = "examples/wire-story.txt";
const GAZETTEER: &str = "bindings/c/people.tsv";

/// What `example.c` must print for `text`, computed with the Rust API.
fn expected_example_output(text: &str) -> String {
    let gazetteer = Gazetteer::builder().add_file(root().join(GAZETTEER)).build().unwrap();
    let doc = Pipeline::builder().gazetteer(gazetteer).build().unwrap().analyze(text);
    let chars = |s: Span| {
        format!(
            "{}:{}",
            doc.char_index.char_offset(text, s.start),
            doc.char_index.char_offset(text, s.end)
        )
    };
    let mut out = format!("whosaid {}\n", env!("CARGO_PKG_VERSION"));
    out += &format!(
        "paragraphs {}, sentences {}, tokens {}, entities {}, quotes {}\n",
        doc.paragraphs.len(),
        doc.sentences.len(),
        doc.tokens.len(),
        doc.entities.len(),
        doc.quotes.len()
    );
    for e in &doc.entities {
        out += &format!(
            "entity {} {} {} | {} | {}\n",
            chars(e.span),
            e.label,
            e.id.as_deref().unwrap_or("-"),
            e.span.as_str(text),
            e.canonical
        );
    }
    for q in &doc.quotes {
        let speaker = q
            .speaker
            .as_ref()
            .map_or("-".to_string(), |s| format!("{} ({})", s.canonical, s.via.as_str()));
        let cue = q.cue.as_ref().map_or("-", |c| &*c.lemma);
        let content: String = q.content.iter().map(|c| format!(" {}", c.as_str(text))).collect();
        out += &format!(
            "quote {} {} speaker={speaker} cue={cue} |{content}\n",
            q.kind.as_str(),
            chars(q.span)
        );
    }
    out += &format!("json {} bytes\n", doc.to_json(text, "article", false).len());
    out
}

fn check_example(link: Link) {
    let exe = compile("example", link);
    let out = run({
        let mut c = Command::new(exe);
        c.arg(root().join(ARTICLE)).arg(root().join(GAZETTEER));
        c
    });
    let text = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected_example_output(&text));
}

#[test]
fn example_static_prints_what_the_rust_api_finds() {
    check_example(Link::Static);
}

#[test]
fn example_shared_prints_what_the_rust_api_finds() {
    check_example(Link::Shared);
}

#[test]
fn example_fails_cleanly_on_a_missing_file() {
    let out = Command::new(compile("example", Link::Static))
        .arg(root().join("no/such/article.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No such file"));
}

#[test]
fn example_reports_a_missing_gazetteer() {
    let out = Command::new(compile("example", Link::Static))
        .arg(root().join(ARTICLE))
        .arg(root().join("no/such/gazetteer.tsv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("pipeline: ") && stderr.contains("no/such/gazetteer.tsv"), "{stderr}");
}

#[test]
fn misuse_gives_statuses_not_crashes() {
    let out = run(misuse(Link::Static));
    assert!(String::from_utf8_lossy(&out.stdout).contains(", 0 failed"));
}

/// valgrind with leak checking; errors and definite or indirect leaks fail the run.
fn valgrind(exe: PathBuf, args: &[PathBuf]) {
    if std::env::var_os("WHOSAID_SKIP_VALGRIND").is_some() {
        eprintln!("WHOSAID_SKIP_VALGRIND is set: not running valgrind");
        return;
    }
    let mut cmd = Command::new("valgrind");
    cmd.args([
        "--quiet",
        "--leak-check=full",
        "--errors-for-leak-kinds=definite,indirect",
        "--show-leak-kinds=definite,indirect",
        "--error-exitcode=1",
    ])
    .arg(exe)
    .args(args);
    match cmd.output() {
        Err(e) => panic!(
            "valgrind could not run ({e}): install it (apt-get install valgrind) \
             or set WHOSAID_SKIP_VALGRIND=1"
        ),
        Ok(out) => assert!(
            out.status.success(),
            "valgrind found errors or leaks:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

#[test]
fn example_and_misuse_run_clean_under_valgrind() {
    valgrind(compile("example", Link::Shared), &[root().join(ARTICLE), root().join(GAZETTEER)]);
    let misuse = misuse(Link::Shared);
    valgrind(
        misuse.get_program().into(),
        &misuse.get_args().map(PathBuf::from).collect::<Vec<_>>(),
    );
}

/// The misuse checks, given a scratch directory for the files they write.
fn misuse(link: Link) -> Command {
    let exe = compile("misuse", link);
    let name = exe.file_name().unwrap().to_string_lossy();
    let scratch = std::env::temp_dir().join(format!("whosaid-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut cmd = Command::new(exe);
    cmd.arg(scratch);
    cmd
}

/// The C programs of README.md: each compiles against the header and the static library,
/// prints what the README says it prints ("It prints `...`" after the program), and runs
/// clean under valgrind.
#[test]
fn readme_c_examples_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks: Vec<&str> = readme.split("```c\n").skip(1).collect();
    assert!(!blocks.is_empty(), "README.md has a C example");
    for (i, block) in blocks.iter().enumerate() {
        let (program, after) = block.split_once("```").unwrap();
        let source = out_dir().join(format!("readme-{i}.c"));
        std::fs::write(&source, program).unwrap();
        let exe = compile_file(&source, &format!("readme-{i}"), Link::Static);
        let stdout = String::from_utf8(run(Command::new(&exe)).stdout).unwrap();
        let promised = after.split_once("It prints `").and_then(|(_, p)| p.split_once('`'));
        assert_eq!(stdout.trim_end(), promised.expect("README says what the example prints").0);
        valgrind(exe, &[]);
    }
}
