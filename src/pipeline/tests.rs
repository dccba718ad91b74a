//! The route table against what a build of the sample site writes.

use std::path::PathBuf;

use super::*;
use crate::output::memory::Memory;
use crate::site::urls::{Route, output_file};

/// The route table and the files a build writes are the same set, for the sample site with
/// and without drafts: every route is written, and nothing is written that no route owns.
#[test]
fn the_route_table_is_what_a_build_writes() {
    for drafts in [false, true] {
        let options = Options {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            drafts,
            base_url: None,
        };
        let Ok(loaded) = load(&options, &mut Timings::default()) else {
            panic!("the sample site builds");
        };
        let memory = Memory::default();
        assert!(render_into(&loaded, &memory, Timings::default()).is_ok());
        let files = memory.into_files();
        let routes = &loaded.site.routes;
        for (route, path) in &routes.all {
            assert!(
                files.contains_key(&output_file(path)),
                "{route:?} at {path} is not written"
            );
        }
        for file in files.keys() {
            assert!(routes.writes(file), "{file} is written by no route");
        }
        for kind in [
            Route::Search,
            Route::SearchIndex,
            Route::Dataset("csv"),
            Route::Headers,
        ] {
            assert!(routes.all.iter().any(|(r, _)| *r == kind), "{kind:?}");
        }
        for sample in [
            |r: &Route| matches!(r, Route::Asset { .. }),
            |r: &Route| matches!(r, Route::Static(_)),
            |r: &Route| matches!(r, Route::Stat(_)),
            |r: &Route| matches!(r, Route::FirstPage { .. }),
            |r: &Route| matches!(r, Route::Term { .. }),
        ] {
            assert!(routes.all.iter().any(|(r, _)| sample(r)));
        }
    }
}
