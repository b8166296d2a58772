//! Writing a board as JSON Canvas: notes as text nodes, blocks and journey cells as groups, what
//! the format has no field for in `"tandem"` objects.

use serde::Serialize;

use super::*;
use crate::io::format::PartnerJson;
use crate::model::{Board, Rect};

#[derive(Serialize)]
struct CanvasOut<'a> {
    nodes: Vec<NodeOut<'a>>,
    edges: [(); 0],
    tandem: BoardExt,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    x: i64,
    y: i64,
    width: i64,
    height: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "NodeExt::is_empty")]
    tandem: NodeExt,
}

impl<'a> NodeOut<'a> {
    fn new(id: String, kind: &'static str, r: &Rect) -> Self {
        // JSON Canvas positions and sizes are integers.
        let whole = |v: f32| v.round() as i64;
        NodeOut {
            id,
            kind,
            x: whole(r.x),
            y: whole(r.y),
            width: whole(r.w).max(1),
            height: whole(r.h).max(1),
            color: None,
            text: None,
            label: None,
            tandem: NodeExt::default(),
        }
    }

    fn group(id: String, r: &Rect, label: String, tandem: NodeExt) -> Self {
        NodeOut {
            label: Some(label),
            tandem,
            ..NodeOut::new(id, "group", r)
        }
    }
}

/// The board as a JSON Canvas document: the journey and its cells, then blocks (all below), then
/// notes in drawing order.
pub fn write_canvas(board: &Board) -> String {
    let mut nodes = Vec::new();
    if let Some(lane) = board.lane() {
        let ext = NodeExt {
            journey: Some(LaneExt {
                label_width: lane.label_width,
                header_height: lane.header_height,
                stages: tracks_out(&lane.stages),
                rows: tracks_out(&lane.rows),
            }),
            ..NodeExt::default()
        };
        nodes.push(NodeOut::group(
            "journey".into(),
            &lane.rect(),
            lane.title.clone(),
            ext,
        ));
        for (s, stage) in lane.stages.iter().enumerate() {
            for (r, row) in lane.rows.iter().enumerate() {
                let ext = NodeExt {
                    cell: Some([s, r]),
                    ..NodeExt::default()
                };
                let label = format!("{} · {}", stage.name, row.name);
                nodes.push(NodeOut::group(
                    format!("journey-{s}-{r}"),
                    &lane.cell_rect(s, r),
                    label,
                    ext,
                ));
            }
        }
    }
    for b in board.blocks() {
        let ext = NodeExt {
            block: Some(BlockExt {
                key: b.key.clone(),
                prompt: b.prompt.clone(),
            }),
            ..NodeExt::default()
        };
        nodes.push(NodeOut::group(
            format!("block-{}", b.key),
            &b.rect,
            b.title.clone(),
            ext,
        ));
    }
    for n in board.notes() {
        nodes.push(NodeOut {
            color: preset(n.color),
            text: Some(&n.text),
            tandem: NodeExt {
                partner: n.partner.map(|p| p.0),
                votes: n.votes,
                author: n.author.clone(),
                ..NodeExt::default()
            },
            ..NodeOut::new(format!("note-{}", n.id.0), "text", &n.rect)
        });
    }
    let p = board.parts();
    let canvas = CanvasOut {
        nodes,
        edges: [],
        tandem: BoardExt {
            title: Some(p.title.clone()),
            partners: p.partners.iter().map(PartnerJson::from).collect(),
            voting: Some(VotingExt {
                dots_per_person: p.voting.dots_per_person,
                people: p.voting.people,
            }),
        },
    };
    let mut out = serde_json::to_string_pretty(&canvas).expect("a canvas always serialises");
    out.push('\n');
    out
}

fn tracks_out(tracks: &[Track]) -> Vec<TrackExt> {
    tracks
        .iter()
        .map(|t| TrackExt {
            name: t.name.clone(),
            size: t.size,
        })
        .collect()
}
