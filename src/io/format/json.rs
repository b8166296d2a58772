//! The file as JSON: one serde shape for every version (fields a version lacks are optional and
//! checked against the version by `migrate`), written with a fixed key order.

use serde::{Deserialize, Serialize};

use super::flows::{FlowJson, FlowKindJson};
use crate::model::{Note, NoteColor, Partner};

/// A board file as JSON. One shape serves every version: fields a version does not have are
/// optional here, and `read_board` checks them against the file's version.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileJson {
    pub(super) format: String,
    pub(super) version: u64,
    pub(super) title: String,
    pub(super) blocks: Vec<BlockJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) journey: Option<LaneJson>,
    pub(super) partners: Vec<PartnerJson>,
    /// Since version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) voting: Option<VotingJson>,
    /// Since version 3; absent: the default kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) flow_kinds: Option<Vec<FlowKindJson>>,
    pub(super) notes: Vec<NoteJson>,
    /// Since version 3; absent: no flows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) flows: Option<Vec<FlowJson>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VotingJson {
    pub(super) dots_per_person: u32,
    pub(super) people: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BlockJson {
    pub(super) key: String,
    pub(super) title: String,
    pub(super) prompt: String,
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) w: f32,
    pub(super) h: f32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LaneJson {
    pub(super) title: String,
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) label_width: f32,
    pub(super) header_height: f32,
    pub(super) stages: Vec<StageJson>,
    pub(super) rows: Vec<RowJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StageJson {
    pub(super) name: String,
    pub(super) width: f32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RowJson {
    pub(super) name: String,
    pub(super) height: f32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartnerJson {
    pub id: u64,
    pub name: String,
    pub color: String,
}

impl From<&Partner> for PartnerJson {
    fn from(p: &Partner) -> Self {
        PartnerJson {
            id: p.id.0,
            name: p.name.clone(),
            color: p.color.to_hex(),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoteJson {
    pub id: u64,
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    #[serde(default)]
    pub color: NoteColor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<u64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub votes: u32,
    /// Since version 3; omitted for notes made in the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Since version 3; written only as `true`. An `Option` so that a version 2 file carrying the
    /// field, even as `false`, can be refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_down: Option<bool>,
}

impl From<&Note> for NoteJson {
    fn from(n: &Note) -> Self {
        NoteJson {
            id: n.id.0,
            text: n.text.clone(),
            x: n.rect.x,
            y: n.rect.y,
            w: n.rect.w,
            h: n.rect.h,
            color: n.color,
            partner: n.partner.map(|id| id.0),
            votes: n.votes,
            author: n.author.clone(),
            face_down: n.face_down.then_some(true),
        }
    }
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}
