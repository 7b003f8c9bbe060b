//! The emit cache of `generate` (issue 10): a record, in the output directory, of what the last
//! run emitted, so a run whose input to the emit stage is the same as last time's does not build
//! and format every file again only to find the bytes on disk equal.
//!
//! The record is `<out>/.docgen-cache`: a key, and each file emitted (path, length, a 128-bit
//! hash of the bytes) with the emit stage's diagnostics. The emit stage is a pure function of
//! the schema, the pages it names, the emit options and docgen's own code (the determinism
//! tests hold it to that, on any number of threads), so the key hashes exactly those: the
//! schema and options through their derived `Hash` (every field, the compiler sees to it), and
//! which executable is running (its file's identity and times, see [`executable`]). A hit
//! needs the key to match *and* every recorded file on disk to have the recorded length and
//! hash; then the files on disk are what the emit stage would make, and they are read back as
//! the run's files. Anything else (a new docgen, any change to the schema, a file missing or
//! edited by hand, a damaged or absent record) is a miss: the files are emitted and compared
//! with the disk as without the cache. `docgen check` never reads the record.
//! `DOCGEN_CACHE=off` turns the cache off.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{Code, Diagnostic, Severity};
use crate::emit::{EmitOptions, OutputFile};
use crate::schema::Schema;

/// The record's file name in the output directory (not a `.rs` file: never an output).
pub const FILE_NAME: &str = ".docgen-cache";

/// The record's layout; a record of another layout is a miss.
const FORMAT: u32 = 1;

/// Whether the cache is on: unless `DOCGEN_CACHE` is `off` (or `0`).
pub(crate) fn enabled() -> bool {
    !matches!(
        std::env::var("DOCGEN_CACHE").as_deref().map(str::trim),
        Ok("off" | "0")
    )
}

/// Two SipHash-2-4 hashes under different fixed keys: 128 bits, so two different inputs meet
/// with a chance of about 2^-128. Small writes (a derived `Hash` makes a million for the
/// schema) are gathered into blocks first: the hashes see the same bytes, at less cost a call.
struct Hasher128 {
    #[allow(deprecated)] // `SipHasher` is deprecated for hash tables (it is not randomised);
    // here fixed keys are the point: a hash that is the same in every run.
    sip: [std::hash::SipHasher; 2],
    block: Vec<u8>,
}

const BLOCK: usize = 1 << 16;

#[allow(deprecated)]
impl Hasher128 {
    fn new() -> Self {
        Hasher128 {
            sip: [
                std::hash::SipHasher::new_with_keys(0x646f_6367_656e_2d31, 0x6361_6368_652d_6b31),
                std::hash::SipHasher::new_with_keys(0x646f_6367_656e_2d32, 0x6361_6368_652d_6b32),
            ],
            block: Vec::with_capacity(BLOCK),
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        for sip in &mut self.sip {
            sip.write(bytes);
        }
    }

    fn finish128(mut self) -> String {
        let block = std::mem::take(&mut self.block);
        self.feed(&block);
        format!("{:016x}{:016x}", self.sip[0].finish(), self.sip[1].finish())
    }
}

impl Hasher for Hasher128 {
    fn write(&mut self, bytes: &[u8]) {
        if self.block.len() + bytes.len() > BLOCK {
            let block = std::mem::take(&mut self.block);
            self.feed(&block);
            self.block = block;
            self.block.clear();
        }
        if bytes.len() >= BLOCK {
            self.feed(bytes);
        } else {
            self.block.extend_from_slice(bytes);
        }
    }

    /// The first half of [`Hasher128::finish128`].
    fn finish(&self) -> u64 {
        let mut sip = self.sip[0].clone();
        sip.write(&self.block);
        sip.finish()
    }
}

/// A file's bytes, hashed.
fn hash_bytes(bytes: &[u8]) -> String {
    let mut h = Hasher128::new();
    h.feed(bytes);
    h.finish128()
}

/// Which code is running, as text to hash. On Unix, the identity of the executable's file as
/// `/proc/self/exe` (Linux: the very image this process was started from, even when a build
/// has since replaced the file at its path) or the current executable names it: device, inode,
/// size, and modification and status-change times to the nanosecond. A rebuilt or copied
/// docgen is another file or a rewritten one, and writing a file's bytes sets its status-change
/// time, which no tool can set back. (Hashing the bytes instead costs a second on a debug
/// build's 100 MB executable, far more than emitting a small crate.) Elsewhere, the bytes.
fn executable() -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata("/proc/self/exe")
            .or_else(|_| std::fs::metadata(std::env::current_exe()?))
            .ok()?;
        Some(format!(
            "{}:{}:{}:{}.{}:{}.{}",
            meta.dev(),
            meta.ino(),
            meta.size(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec()
        ))
    }
    #[cfg(not(unix))]
    {
        let bytes = std::fs::read(std::env::current_exe().ok()?).ok()?;
        Some(hash_bytes(&bytes))
    }
}

/// The key of an emit stage's input, or `None` when which code is running cannot be told.
pub(crate) fn key(schema: &Schema, pages: &[String], options: &EmitOptions) -> Option<String> {
    Some(key_with(&executable()?, schema, pages, options))
}

fn key_with(exe: &str, schema: &Schema, pages: &[String], options: &EmitOptions) -> String {
    let mut h = Hasher128::new();
    FORMAT.hash(&mut h);
    exe.hash(&mut h);
    schema.hash(&mut h);
    pages.hash(&mut h);
    options.hash(&mut h);
    h.finish128()
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Record {
    format: u32,
    key: String,
    files: Vec<FileRecord>,
    diagnostics: Vec<DiagRecord>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct FileRecord {
    path: String,
    len: u64,
    hash: String,
}

/// A diagnostic whole (the serialized form of [`Diagnostic`] leaves out `len`).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct DiagRecord {
    file: String,
    line: usize,
    col: usize,
    severity: Severity,
    code: Code,
    message: String,
    help: Option<String>,
    len: usize,
}

impl From<&Diagnostic> for DiagRecord {
    fn from(d: &Diagnostic) -> Self {
        DiagRecord {
            file: d.file.clone(),
            line: d.line,
            col: d.col,
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            help: d.help.clone(),
            len: d.len,
        }
    }
}

impl From<DiagRecord> for Diagnostic {
    fn from(d: DiagRecord) -> Self {
        Diagnostic {
            file: d.file,
            line: d.line,
            col: d.col,
            severity: d.severity,
            code: d.code,
            message: d.message,
            help: d.help,
            len: d.len,
        }
    }
}

fn record_path(out_dir: &Path) -> PathBuf {
    out_dir.join(FILE_NAME)
}

/// The files and emit diagnostics the record in `out_dir` holds for `key`, with the files'
/// contents read back, when every one of them is on disk with the recorded length and hash.
pub(crate) fn load(
    out_dir: &Path,
    key: &str,
    threads: usize,
) -> Option<(Vec<OutputFile>, Vec<Diagnostic>)> {
    let text = std::fs::read(record_path(out_dir)).ok()?;
    let record: Record = serde_json::from_slice(&text).ok()?;
    if record.format != FORMAT || record.key != key {
        return None;
    }
    let read = crate::parallel::map_in_order(&record.files, threads, |f| {
        let path = out_dir.join(&f.path);
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() != f.len {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        if bytes.len() as u64 != f.len || hash_bytes(&bytes) != f.hash {
            return None;
        }
        let contents = String::from_utf8(bytes).ok()?;
        Some(OutputFile {
            path: f.path.clone(),
            contents,
        })
    });
    let files = read.into_iter().collect::<Option<Vec<_>>>()?;
    let diagnostics = record.diagnostics.into_iter().map(Into::into).collect();
    Some((files, diagnostics))
}

/// Records what `key` emitted (`files`, and the emit stage's `diagnostics`) for the next run,
/// rewriting the record only when it changes. A record that cannot be written is no error:
/// the next run emits everything, as without a cache.
pub(crate) fn store(
    out_dir: &Path,
    key: &str,
    files: &[OutputFile],
    diagnostics: &[Diagnostic],
    threads: usize,
) {
    let hashes =
        crate::parallel::map_in_order(files, threads, |f| hash_bytes(f.contents.as_bytes()));
    let record = Record {
        format: FORMAT,
        key: key.to_owned(),
        files: files
            .iter()
            .zip(hashes)
            .map(|(f, hash)| FileRecord {
                path: f.path.clone(),
                len: f.contents.len() as u64,
                hash,
            })
            .collect(),
        diagnostics: diagnostics.iter().map(Into::into).collect(),
    };
    let Ok(text) = serde_json::to_vec(&record) else {
        return;
    };
    let path = record_path(out_dir);
    if std::fs::read(&path).is_ok_and(|old| old == text) {
        return;
    }
    let _ = std::fs::write(&path, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<OutputFile> {
        vec![
            OutputFile {
                path: "mod.rs".to_owned(),
                contents: "// root\n".to_owned(),
            },
            OutputFile {
                path: "models/a.rs".to_owned(),
                contents: "pub struct A;\n".to_owned(),
            },
        ]
    }

    fn write(out: &Path, files: &[OutputFile]) {
        for f in files {
            let path = out.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.contents).unwrap();
        }
    }

    fn note() -> Diagnostic {
        Diagnostic::new(Severity::Note, Code::Skipped, "api/x.md", 3, 1)
            .message("left out")
            .help("nothing")
            .len(4)
    }

    #[test]
    fn a_stored_record_gives_back_the_files_and_diagnostics() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path();
        write(out, &files());
        store(out, "k", &files(), &[note()], 2);
        assert_eq!(load(out, "k", 2), Some((files(), vec![note()])));
        assert_eq!(load(out, "other", 2), None, "another key is a miss");
    }

    #[test]
    fn a_file_edited_missing_or_of_another_length_is_a_miss() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path();
        write(out, &files());
        store(out, "k", &files(), &[], 2);
        // Same length, other bytes: only the hash tells.
        std::fs::write(out.join("models/a.rs"), "pub struct B;\n").unwrap();
        assert_eq!(load(out, "k", 2), None);
        std::fs::write(out.join("models/a.rs"), "pub struct AB;\n").unwrap();
        assert_eq!(load(out, "k", 2), None);
        std::fs::remove_file(out.join("models/a.rs")).unwrap();
        assert_eq!(load(out, "k", 2), None);
        write(out, &files());
        assert!(load(out, "k", 2).is_some(), "restored");
        std::fs::write(record_path(out), "{ damaged").unwrap();
        assert_eq!(load(out, "k", 2), None);
    }

    #[test]
    fn the_key_changes_with_the_code_schema_pages_and_options() {
        let schema = Schema::default();
        let pages = vec!["a.md".to_owned()];
        let options = EmitOptions::default();
        let base = key(&schema, &pages, &options).expect("the test binary is known");
        assert_eq!(key(&schema, &pages, &options).as_ref(), Some(&base));
        let mut other = schema.clone();
        other.example_counts.bodies = 1; // a field the schema dump leaves out
        assert_ne!(key(&other, &pages, &options).as_ref(), Some(&base));
        assert_ne!(key(&schema, &[], &options).as_ref(), Some(&base));
        let tests = EmitOptions {
            example_tests: true,
            ..EmitOptions::default()
        };
        assert_ne!(key(&schema, &pages, &tests).as_ref(), Some(&base));
        assert_ne!(key_with("another docgen", &schema, &pages, &options), base);
    }
}
