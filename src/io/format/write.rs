//! Writing a board in the current format version.

use super::flows::{flows_to_write, kinds_to_write};
use super::json::{
    BlockJson, FileJson, LaneJson, NoteJson, PartnerJson, RowJson, StageJson, VotingJson,
};
use super::{CURRENT_VERSION, FORMAT_NAME};
use crate::model::Board;

/// Serialises a board in the current format.
pub fn write_board(board: &Board) -> String {
    let p = board.parts();
    let file = FileJson {
        format: FORMAT_NAME.to_owned(),
        version: CURRENT_VERSION,
        title: p.title.clone(),
        blocks: p
            .blocks
            .iter()
            .map(|b| BlockJson {
                key: b.key.clone(),
                title: b.title.clone(),
                prompt: b.prompt.clone(),
                x: b.rect.x,
                y: b.rect.y,
                w: b.rect.w,
                h: b.rect.h,
            })
            .collect(),
        journey: p.lane.as_ref().map(|l| LaneJson {
            title: l.title.clone(),
            x: l.origin.x,
            y: l.origin.y,
            label_width: l.label_width,
            header_height: l.header_height,
            stages: l
                .stages
                .iter()
                .map(|t| StageJson {
                    name: t.name.clone(),
                    width: t.size,
                })
                .collect(),
            rows: l
                .rows
                .iter()
                .map(|t| RowJson {
                    name: t.name.clone(),
                    height: t.size,
                })
                .collect(),
        }),
        partners: p.partners.iter().map(PartnerJson::from).collect(),
        voting: Some(VotingJson {
            dots_per_person: p.voting.dots_per_person,
            people: p.voting.people,
        }),
        flow_kinds: kinds_to_write(&p.flow_kinds),
        notes: p.notes.iter().map(NoteJson::from).collect(),
        flows: flows_to_write(&p.flows),
    };
    let mut out = serde_json::to_string_pretty(&file).expect("a board always serialises");
    out.push('\n');
    out
}
