//! Error types. Every message is meant for a person: it names what is wrong and,
//! where it helps, what would be right.

use std::fmt;

/// A design that cannot be used: unreadable JSON or a field out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignError {
    /// Path of the offending field, e.g. `hairline.front[2].x`; empty when the
    /// document as a whole is unreadable.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl DesignError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Wraps a JSON syntax or shape error, naming the field where it happened.
    pub fn from_json(err: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let field = if path == "." { String::new() } else { path };
        Self::new(field, format!("not a valid design: {inner}"))
    }
}

impl fmt::Display for DesignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "design field `{}`: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for DesignError {}

/// Anything that stops a render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The design is invalid.
    Design(DesignError),
    /// The photo buffer is unusable (wrong length, zero or absurd size).
    Photo(String),
    /// Another argument is out of range (e.g. the day).
    Argument(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Design(e) => e.fmt(f),
            RenderError::Photo(m) | RenderError::Argument(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<DesignError> for RenderError {
    fn from(e: DesignError) -> Self {
        RenderError::Design(e)
    }
}
