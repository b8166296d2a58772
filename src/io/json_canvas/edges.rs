//! Edges as flows, both ways. An edge between two notes' nodes is a flow: `fromEnd`/`toEnd` give
//! its direction, `label` its label, `color` its kind (Tandem's own edges name the kind in their
//! `"tandem"` object; another app's colour becomes a kind of that colour). `fromSide`/`toSide` are
//! written where Tandem draws the flow (where the notes face each other); read, a side Tandem would
//! not draw from is reported. An edge that joins anything but two notes is reported with why.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::read::{Fields, Loss, object};
use crate::io::diagnostic::Diagnostic;
use crate::model::flow_line::{Side, flow_line};
use crate::model::{
    BoardParts, Flow, FlowDirection, FlowId, FlowKind, FlowKindId, NoteId, Rect, Rgb,
};

/// What a node became, for the edges that name it.
pub(super) enum End {
    Note(NoteId),
    /// Not a note: what it is, in words ("a group node").
    Not(String),
}

/// Edge-level data JSON Canvas has no field for: the flow's kind.
#[derive(Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub(super) struct EdgeExt {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) kind: Option<u64>,
}

/// The fields JSON Canvas 1.0 defines on edges, plus Tandem's own.
const EDGE_FIELDS: [&str; 10] = [
    "id", "fromNode", "fromSide", "fromEnd", "toNode", "toSide", "toEnd", "color", "label",
    "tandem",
];

/// The preset colours `"1"`–`"6"` as flow kinds: named as JSON Canvas names them, in shades that
/// read as lines on both of Tandem's themes.
const PRESET_KINDS: [(&str, &str, Rgb); 6] = [
    ("1", "red", Rgb([0xC8, 0x37, 0x2D])),
    ("2", "orange", Rgb([0xB8, 0x62, 0x00])),
    ("3", "yellow", Rgb([0x8F, 0x77, 0x00])),
    ("4", "green", Rgb([0x2E, 0x8B, 0x3E])),
    ("5", "cyan", Rgb([0x00, 0x83, 0x8F])),
    ("6", "purple", Rgb([0x7E, 0x57, 0xC2])),
];

/// Reads the canvas's edges into flows of the board being built.
pub(super) struct Edges<'a> {
    pub(super) ends: &'a HashMap<String, End>,
    /// The canvas carried Tandem's flow kinds: colours are then not read as kinds.
    pub(super) kinds_given: bool,
}

/// One edge, read: the flow it becomes (its id still to be given) and the id it asks for.
struct Read {
    flow: Flow,
    wanted_id: Option<u64>,
}

impl Edges<'_> {
    pub(super) fn read(
        &self,
        text: &str,
        top: &Fields<'_>,
        parts: &mut BoardParts,
        not_kept: &mut Vec<Loss>,
    ) -> Result<(), Diagnostic> {
        let mut read = Vec::new();
        let rects: HashMap<NoteId, Rect> = parts.notes.iter().map(|n| (n.id, n.rect)).collect();
        for (i, raw) in top.array("edges")?.into_iter().enumerate() {
            let e = edge(text, raw, i)?;
            let mut losses = Vec::new();
            if let Some(r) = self.one(&e, parts, &rects, &mut losses)? {
                read.push(r);
            }
            not_kept.extend(losses.into_iter().map(|m| e.loss(m)));
        }
        // Flows keep the ids they had in Tandem; other edges get fresh ones after those.
        let mut taken = HashSet::new();
        let wanted: Vec<Option<u64>> = read
            .iter()
            .map(|r| r.wanted_id.filter(|id| taken.insert(*id)))
            .collect();
        let mut next = taken.iter().max().map_or(1, |m| m.saturating_add(1));
        for (r, id) in read.into_iter().zip(wanted) {
            let id = id.unwrap_or_else(|| {
                next += 1;
                next - 1
            });
            parts.flows.push(Flow {
                id: FlowId(id),
                ..r.flow
            });
        }
        Ok(())
    }

    /// Edge `e` as a flow, or `None` when it cannot be one; what is not kept goes to `losses`.
    fn one(
        &self,
        e: &Fields<'_>,
        parts: &mut BoardParts,
        rects: &HashMap<NoteId, Rect>,
        losses: &mut Vec<String>,
    ) -> Result<Option<Read>, Diagnostic> {
        for key in e.map.keys() {
            if !EDGE_FIELDS.contains(&key.as_str()) {
                losses.push(format!("field \"{key}\" not kept"));
            }
        }
        let string = |key: &str| e.get::<String>(key, "a string");
        let ends = (self.note(string("fromNode")?), self.note(string("toNode")?));
        let (from, to) = match ends {
            (Ok(a), Ok(b)) if a != b => (a, b),
            (Ok(_), Ok(_)) => {
                losses.push("not kept: it joins a note to itself".to_owned());
                return Ok(None);
            }
            (Err(why), _) | (_, Err(why)) => {
                losses.push(format!("not kept: {why}"));
                return Ok(None);
            }
        };
        let ext: Option<EdgeExt> = match e.get::<serde_json::Value>("tandem", "an object")? {
            None => None,
            Some(v) => serde_json::from_value(v)
                .map_err(|err| {
                    losses.push(format!("its \"tandem\" data was not understood ({err})"))
                })
                .ok(),
        };
        // Tandem wrote its own edges' sides from where it draws them.
        if ext.is_none() {
            let sides = [string("fromSide")?, string("toSide")?];
            check_sides(rects, (from, to), sides, losses);
        }
        let from_arrow = arrow_end(string("fromEnd")?, false, "fromEnd", losses);
        let to_arrow = arrow_end(string("toEnd")?, true, "toEnd", losses);
        let (from, to, direction) = match (from_arrow, to_arrow) {
            (false, true) => (from, to, FlowDirection::OneWay),
            (true, false) => (to, from, FlowDirection::OneWay),
            (true, true) => (from, to, FlowDirection::BothWays),
            (false, false) => {
                losses.push("has no arrowheads: kept as a flow both ways".to_owned());
                (from, to, FlowDirection::BothWays)
            }
        };
        let kind = match &ext {
            Some(ext) => ext
                .kind
                .map(FlowKindId)
                .filter(|k| parts.flow_kinds.iter().any(|x| x.id == *k)),
            None => self.kind_of_color(string("color")?, parts, losses),
        };
        let wanted_id =
            string("id")?.and_then(|id| id.strip_prefix("flow-").and_then(|n| n.parse().ok()));
        let flow = Flow {
            id: FlowId(0),
            from,
            to,
            direction,
            label: string("label")?.unwrap_or_default(),
            kind,
        };
        Ok(Some(Read { flow, wanted_id }))
    }

    /// The note a `fromNode` or `toNode` names, or why there is none.
    fn note(&self, node: Option<String>) -> Result<NoteId, String> {
        let node = node.ok_or("it does not say which nodes it joins")?;
        match self.ends.get(&node) {
            Some(End::Note(id)) => Ok(*id),
            Some(End::Not(what)) => Err(format!("\"{node}\" is {what}, and flows join notes")),
            None => Err(format!("there is no node \"{node}\"")),
        }
    }

    /// The kind for an edge colour from another app: the board's kind of that colour, else a new
    /// kind of it (named after the preset, or the colour itself). No colour: no kind.
    fn kind_of_color(
        &self,
        color: Option<String>,
        parts: &mut BoardParts,
        losses: &mut Vec<String>,
    ) -> Option<FlowKindId> {
        let color = color?;
        let (name, rgb) = match PRESET_KINDS.iter().find(|(p, ..)| *p == color) {
            Some((_, name, rgb)) => ((*name).to_owned(), *rgb),
            None => match Rgb::parse_hex(&color) {
                Some(rgb) => (rgb.to_hex(), rgb),
                None => {
                    losses.push(format!(
                        "colour \"{color}\" is not \"1\"–\"6\" or #RRGGBB; the flow has no kind"
                    ));
                    return None;
                }
            },
        };
        if let Some(k) = parts.flow_kinds.iter().find(|k| k.color == rgb) {
            return Some(k.id);
        }
        if self.kinds_given {
            losses.push(format!(
                "colour {color} is no flow kind of the board's; no kind"
            ));
            return None;
        }
        let id = FlowKindId(
            parts
                .flow_kinds
                .iter()
                .map(|k| k.id.0 + 1)
                .max()
                .unwrap_or(1),
        );
        losses.push(format!("colour {color} became the flow kind \"{name}\""));
        parts.flow_kinds.push(FlowKind {
            id,
            name,
            color: rgb,
        });
        Some(id)
    }
}

/// Edge `i` of the file, as an object.
fn edge<'a>(text: &'a str, raw: &'a RawValue, i: usize) -> Result<Fields<'a>, Diagnostic> {
    let mut e = object(text, raw, &format!("edge {}", i + 1))?;
    let string = |key: &str| e.get::<String>(key, "a string");
    e.name = format!(
        "edge \"{}\" from \"{}\" to \"{}\"",
        string("id")?.unwrap_or_default(),
        string("fromNode")?.unwrap_or_default(),
        string("toNode")?.unwrap_or_default()
    );
    Ok(e)
}

/// Reports a side given for an end (`fromSide`, `toSide` of the notes `ends`) that is no side, or
/// that Tandem does not draw the flow from: it joins notes where they face each other.
fn check_sides(
    rects: &HashMap<NoteId, Rect>,
    ends: (NoteId, NoteId),
    sides: [Option<String>; 2],
    losses: &mut Vec<String>,
) {
    let line = rects
        .get(&ends.0)
        .zip(rects.get(&ends.1))
        .and_then(|(a, b)| flow_line(a, b, 0.0));
    let drawn = line.map(|l| [l.from_side, l.to_side]);
    for (k, (given, key)) in sides.into_iter().zip(["fromSide", "toSide"]).enumerate() {
        let Some(given) = given else { continue };
        match (Side::from_name(&given), drawn) {
            (None, _) => losses.push(format!(
                "\"{key}\" is \"{given}\", not top, right, bottom or left; not kept"
            )),
            (Some(side), Some(drawn)) if side != drawn[k] => losses.push(format!(
                "{key} \"{given}\" not kept: the flow is drawn from the {} side, where the \
                 notes face each other",
                drawn[k].name()
            )),
            _ => {}
        }
    }
}

/// Whether an end (`fromEnd`, `toEnd`) has an arrowhead; an unknown value is reported and read as
/// the default.
fn arrow_end(value: Option<String>, default: bool, key: &str, losses: &mut Vec<String>) -> bool {
    match value.as_deref() {
        None => default,
        Some("arrow") => true,
        Some("none") => false,
        Some(other) => {
            losses.push(format!(
                "\"{key}\" is \"{other}\", not \"none\" or \"arrow\"; read as \"{}\"",
                if default { "arrow" } else { "none" }
            ));
            default
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_kinds_read_as_lines_on_both_themes() {
        for (preset, name, c) in PRESET_KINDS {
            let ratio = crate::model::flow::line_contrast(c);
            assert!(ratio >= 3.0, "{preset} {name}: {ratio:.2}");
        }
    }
}
