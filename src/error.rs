//! The one error type of the library.

use std::path::PathBuf;

/// Everything that can fail in whosaid. Analysis of text never fails; building a
/// gazetteer or a pipeline, reading files and crossing the C ABI can.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A gazetteer line that cannot be read as an entry. `line` counts from 1.
    #[error("{}:{line}: {reason}", path.display())]
    Gazetteer {
        /// The file, or a name such as `<buffer>` for entries that came from memory.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// An entry added in code that cannot be used (empty name, missing id, ...).
    #[error("gazetteer entry {id:?}: {reason}")]
    Entry {
        /// The entry's id.
        id: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// Bytes that are not valid UTF-8 where text is required.
    #[error("invalid UTF-8 at byte {valid_up_to}")]
    InvalidUtf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// A compiled gazetteer file that is not one, or was written by an incompatible version.
    #[error("{}: not a compiled whosaid gazetteer: {reason}", path.display())]
    BadCompiled {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

impl Error {
    /// An [`Error::Io`] for `path` from an I/O error.
    pub(crate) fn io(path: impl Into<PathBuf>, err: &std::io::Error) -> Error {
        Error::Io { path: path.into(), reason: err.to_string() }
    }
}

/// `Result` with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
