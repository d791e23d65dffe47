//! The whole pipeline on three texts, as the page and the CLI run it: what most integration
//! tests start from.

use seams_core::pipeline::{self, Analysis};
use seams_core::Inputs;

/// `pipeline::analyze` on a schema, a services file and a Models pane, the dialect detected.
pub(crate) fn analyze(schema: &str, services: &str, models: &str) -> Analysis {
    pipeline::analyze(Inputs {
        schema,
        services,
        models,
        dialect: None,
        sources: None,
    })
}
