//! A [`Report`] as plain text (the terminal), Markdown (a pull-request comment) or JSON.

use std::fmt::Write;

use super::{Change, Impact, Report};

impl Report {
    /// One line per change under `breaking:` and `additive:`, after a summary line.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.headline());
        for (impact, title) in [
            (Impact::Breaking, "breaking"),
            (Impact::Additive, "additive"),
        ] {
            let changes: Vec<&Change> = self.of(impact).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title}:");
            for c in changes {
                let _ = writeln!(out, "  {}: {}", c.kind.label(), describe(c, false));
            }
        }
        out
    }

    /// A heading, a table of counts by kind, and the changes as lists, breaking first.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("### docgen diff\n\n{}\n", self.headline());
        if self.is_empty() {
            return out;
        }
        out.push_str("\n| change | count |\n|---|---:|\n");
        for (kind, count) in &self.summary.by_kind {
            let _ = writeln!(out, "| {} | {count} |", kind.label());
        }
        for (impact, title) in [
            (Impact::Breaking, "Breaking"),
            (Impact::Additive, "Additive"),
        ] {
            let changes: Vec<&Change> = self.of(impact).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n#### {title} ({})\n", changes.len());
            for c in changes {
                let _ = writeln!(out, "- {}: {}", c.kind.label(), describe(c, true));
            }
        }
        out
    }

    /// The report as pretty JSON (`summary` and `changes`).
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    fn of(&self, impact: Impact) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.impact == impact)
    }

    fn headline(&self) -> String {
        if self.is_empty() {
            return "no changes".to_owned();
        }
        let s = &self.summary;
        let mut line = format!(
            "{} changes: {} breaking, {} additive",
            self.changes.len(),
            s.breaking,
            s.additive
        );
        if s.breaks_exhaustive_match > 0 {
            let _ = write!(
                line,
                " ({} of them break exhaustive matches)",
                s.breaks_exhaustive_match
            );
        }
        line
    }
}

/// `microsoft.graph.user.age: Edm.Int32 -> Edm.String`; code spans in Markdown.
fn describe(c: &Change, markdown: bool) -> String {
    let code = |s: &str| {
        if markdown {
            format!("`{}`", s.replace('`', "'"))
        } else {
            s.to_owned()
        }
    };
    let mut text = code(&c.subject);
    match (&c.old, &c.new) {
        (Some(old), Some(new)) => {
            let _ = write!(text, ": {} -> {}", code(old), code(new));
        }
        (Some(old), None) => {
            let _ = write!(text, " (was {})", code(old));
        }
        (None, Some(new)) => {
            let _ = write!(text, ": {}", code(new));
        }
        (None, None) => {}
    }
    if c.breaks_exhaustive_match {
        text.push_str(" (breaks exhaustive matches)");
    }
    text
}
