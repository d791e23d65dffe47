//! The whole pipeline in one call, for the page and the CLI: text in, model, picture out.
//! Both surfaces call [`analyze`], so they show the same facts and the same bytes.

use crate::architecture::{ingest, Architecture, Inputs};
use crate::layout::{self, OwnerMap};
use crate::scene::{self, Annotations, Scene};
use crate::svg;

/// Everything the page shows for one input.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The model.
    pub architecture: Architecture,
    /// Owner service id by table id.
    pub owners: OwnerMap,
    /// The picture of the architecture as it is.
    pub scene: Scene,
    /// The picture as SVG.
    pub svg: String,
}

/// Owner by table: declared, else the sole writer.
fn owner_map(arch: &Architecture) -> OwnerMap {
    let mut owners = OwnerMap::new();
    for table in &arch.tables {
        if let Some(declared) = arch.ownership.get(&table.id) {
            owners.insert(table.id.clone(), declared.service.clone());
            continue;
        }
        let writers: Vec<&str> = arch
            .services
            .iter()
            .filter(|s| s.writes_table(&table.id))
            .map(|s| s.id.as_str())
            .collect();
        if let [only] = writers.as_slice() {
            owners.insert(table.id.clone(), (*only).to_string());
        }
    }
    owners
}

/// Runs the pipeline on `inputs`.
pub fn analyze(inputs: Inputs<'_>) -> Analysis {
    let architecture = ingest(inputs);
    let owners = owner_map(&architecture);
    let laid = layout::layout(&architecture, &owners);
    let notes = Annotations {
        owners: owners.clone(),
        ..Annotations::default()
    };
    let scene = scene::build(&architecture, &laid, &notes);
    let svg = svg::render(&scene);
    Analysis {
        architecture,
        owners,
        scene,
        svg,
    }
}
