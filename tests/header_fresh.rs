//! `include/whosaid.h` must be what cbindgen makes from the current `src/ffi`.

use std::path::Path;

#[test]
fn committed_header_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut fresh = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut fresh);
    let fresh_text = String::from_utf8_lossy(&fresh);
    let foreign = foreign_lines(&fresh_text);
    assert!(
        foreign.is_empty(),
        "the header declares items that are not whosaid_/WHOSAID_ ones (from modules other \
         than ffi?): mark their `mod` lines in src/lib.rs with `/// cbindgen:ignore`:\n{}",
        foreign.join("\n")
    );
    let path = root.join("include/whosaid.h");
    if std::env::var_os("UPDATE_HEADER").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/whosaid.h is stale: run `UPDATE_HEADER=1 cargo test --test integration header` and commit it"
    );
}

/// Declarations of the header (lines at column 0 that are not comments, braces, includes or
/// the guards) that do not name a `whosaid_` or `WHOSAID_` item.
fn foreign_lines(header: &str) -> Vec<&str> {
    const FRAME: [&str; 9] =
        ["//", "/*", " *", "}", "#include", "#ifndef", "#endif", "#ifdef __cplusplus", "extern"];
    header
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(char::is_whitespace))
        .filter(|l| !FRAME.iter().any(|f| l.starts_with(f)))
        .filter(|l| !l.contains("whosaid_") && !l.contains("WHOSAID_"))
        .collect()
}

#[test]
fn foreign_items_are_caught() {
    let header = "#define WHOSAID_ABI_VERSION 1\n#define PREP (1 << 1)\nvoid whosaid_x(void);\n";
    assert_eq!(foreign_lines(header), ["#define PREP (1 << 1)"]);
}
