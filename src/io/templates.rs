//! Board templates, embedded in the binary so Tandem needs no files at run time. They are ordinary
//! board files under `assets/templates/`, so their wording and layout change without code changes.

use crate::model::Board;

/// A template a new board starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// The Partnership Canvas with the customer-journey lane below it (the default).
    Partnership,
    BusinessModel,
    Journey,
    Blank,
}

impl Template {
    pub const ALL: [Template; 4] = [
        Template::Partnership,
        Template::BusinessModel,
        Template::Journey,
        Template::Blank,
    ];

    /// The name used on the command line (`--template NAME`).
    pub fn key(self) -> &'static str {
        match self {
            Template::Partnership => "partnership",
            Template::BusinessModel => "business-model",
            Template::Journey => "journey",
            Template::Blank => "blank",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Template::Partnership => "Partnership Canvas with customer journey",
            Template::BusinessModel => "Business Model Canvas",
            Template::Journey => "Customer journey only",
            Template::Blank => "Blank board",
        }
    }

    pub fn from_key(key: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.key() == key)
    }

    fn source(self) -> &'static str {
        match self {
            Template::Partnership => include_str!("../../assets/templates/partnership.tandem.json"),
            Template::BusinessModel => {
                include_str!("../../assets/templates/business-model.tandem.json")
            }
            Template::Journey => include_str!("../../assets/templates/journey.tandem.json"),
            Template::Blank => include_str!("../../assets/templates/blank.tandem.json"),
        }
    }

    /// A new board from this template.
    pub fn board(self) -> Board {
        // Embedded at build time and checked by the tests below, so this cannot fail at run time.
        super::read_board(self.source().as_bytes())
            .unwrap_or_else(|e| panic!("embedded template {} is broken: {e}", self.key()))
            .board
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::write_board;

    #[test]
    fn every_template_reads_cleanly_and_is_in_canonical_form() {
        for t in Template::ALL {
            let loaded = crate::io::read_board(t.source().as_bytes()).unwrap();
            assert!(loaded.repairs.is_empty(), "{}", t.key());
            assert!(loaded.board.notes().is_empty(), "{}", t.key());
            assert_eq!(
                write_board(&loaded.board),
                t.source(),
                "{} is not as Tandem writes it",
                t.key()
            );
            assert_eq!(Template::from_key(t.key()), Some(t));
        }
    }

    #[test]
    fn partnership_template_has_the_canvas_blocks_and_the_journey() {
        let b = Template::Partnership.board();
        let titles: Vec<&str> = b.blocks().iter().map(|b| b.title.as_str()).collect();
        for want in [
            "Strategic intent",
            "Desired value",
            "Value offer",
            "Transfer activities",
            "Created value",
            "Partners",
            "Risks & big questions",
            "Experiments",
        ] {
            assert!(titles.contains(&want), "{want} missing");
        }
        let lane = b.lane().unwrap();
        let stages: Vec<&str> = lane.stages.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(stages, ["Discover", "Choose", "Use", "Finish"]);
        let rows: Vec<&str> = lane.rows.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(rows, ["Customer does", "Touchpoints", "Partner adds"]);
        // Blocks do not overlap each other or the lane: a note's region is never ambiguous.
        let mut areas: Vec<_> = b.blocks().iter().map(|b| b.rect).collect();
        areas.push(lane.rect());
        for (i, a) in areas.iter().enumerate() {
            for c in &areas[i + 1..] {
                assert!(!a.intersects(c), "{a:?} overlaps {c:?}");
            }
        }
    }

    #[test]
    fn business_model_canvas_has_nine_blocks() {
        assert_eq!(Template::BusinessModel.board().blocks().len(), 9);
        assert!(Template::Journey.board().lane().is_some());
        assert!(Template::Blank.board().bounds().is_none());
    }
}
