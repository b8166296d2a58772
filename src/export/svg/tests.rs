use super::*;
use crate::design::size;
use crate::io::Template;
use crate::model::Note;
use crate::model::{BoardParts, NoteColor, NoteId, Partner, PartnerId, Rgb};

fn board_with(notes: Vec<Note>, partners: Vec<Partner>) -> Board {
    Board::from_parts(BoardParts {
        title: "T <&> \"q\"".into(),
        partners,
        notes,
        ..BoardParts::default()
    })
}

#[test]
fn numbers_are_short_and_stable() {
    assert_eq!(num(30.0), "30");
    assert_eq!(num(12.5), "12.5");
    assert_eq!(num(-0.001), "0");
    assert_eq!(num(1.0 / 3.0), "0.33");
}

#[test]
fn an_empty_board_has_no_picture() {
    assert_eq!(to_svg(&Template::Blank.board()), None);
}

/// The tspans of `svg`: (font size of their text element, baseline, text).
fn tspans(svg: &str) -> Vec<(f32, f32, String)> {
    let attr = |l: &str, name: &str| -> f32 {
        let v = l.split(&format!("{name}=\"")).nth(1).unwrap();
        v[..v.find('"').unwrap()].parse().unwrap()
    };
    let mut size = 0.0;
    let mut out = Vec::new();
    for l in svg.lines() {
        if l.starts_with("<text") {
            size = attr(l, "font-size");
        } else if l.starts_with("<tspan") {
            let text = &l[l.find('>').unwrap() + 1..l.rfind("</tspan>").unwrap()];
            out.push((size, attr(l, "y"), text.to_owned()));
        }
    }
    out
}

#[test]
fn note_text_is_escaped_and_fitted_inside_its_note() {
    let mut long = Note::new(NoteId(1), 0.0, 0.0);
    long.text = "<b>&amp; a long note text that cannot possibly fit in this small note at all, \
                 no matter how it wraps: the picture cuts it"
        .repeat(4);
    long.rect.h = 80.0;
    let mut short = Note::new(NoteId(2), 300.0, 0.0);
    short.text = "Pilot".into();
    let board = board_with(vec![long.clone(), short], vec![]);
    let svg = to_svg(&board).unwrap();
    assert!(svg.contains("<title>T &lt;&amp;&gt; &quot;q&quot;</title>"));
    assert!(svg.contains("&lt;b&gt;&amp;amp;"), "{svg}");
    let spans = tspans(&svg);
    let (short_size, _, _) = spans.iter().find(|s| s.2 == "Pilot").unwrap();
    let long_spans: Vec<_> = spans.iter().filter(|s| s.2 != "Pilot").collect();
    assert_eq!(
        *short_size,
        size::NOTE_TEXT.max,
        "a short text is set large"
    );
    assert!(long_spans.iter().all(|s| s.0 == size::NOTE_TEXT.min));
    assert!(
        long_spans.last().unwrap().2.ends_with('…'),
        "{long_spans:?}"
    );
    let face = Weight::Regular.face();
    for (size, baseline, text) in &long_spans {
        assert!(*baseline < long.rect.bottom(), "{text} below the note");
        let width = face.width(
            &text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
            *size,
        );
        assert!(width <= long.rect.w - 2.0 * size::NOTE_PADDING, "{text}");
    }
    let tallest = Note::DEFAULT_HEIGHT.max(long.rect.h);
    assert_eq!(
        frame(&board).unwrap().bottom(),
        tallest + MARGIN,
        "notes keep their size"
    );
}

#[test]
fn partner_tags_and_votes_are_drawn() {
    let mut n = Note::new(NoteId(1), 0.0, 0.0);
    n.partner = Some(PartnerId(1));
    n.votes = 3;
    n.color = NoteColor::Blue;
    let mut many = Note::new(NoteId(2), 300.0, 0.0);
    many.votes = 12;
    let p = Partner {
        id: PartnerId(1),
        name: "Spotify".into(),
        color: Rgb([0x1D, 0xB9, 0x54]),
    };
    let svg = to_svg(&board_with(vec![n, many], vec![p])).unwrap();
    assert!(svg.contains(r##"fill="#9ACFFF""##), "note colour");
    let chip = format!(r##"rx="{}" fill="#1DB954""##, num(size::TAG_HEIGHT / 2.0));
    assert!(svg.contains(&chip), "tag chip");
    assert!(svg.contains(">Spotify</tspan>"));
    assert_eq!(svg.matches("<circle").count(), 3);
    assert!(svg.contains(">12</tspan>"), "a count for many votes");
}

#[test]
fn flows_are_drawn_over_the_notes_with_their_kind_and_label() {
    use crate::model::{Flow, FlowDirection, FlowId};
    let mut b = board_with(
        vec![
            Note::new(NoteId(1), 0.0, 0.0),
            Note::new(NoteId(2), 400.0, 0.0),
        ],
        vec![],
    );
    let money = b.flow_kinds()[1].clone();
    b.apply(crate::model::Edit::InsertFlows(vec![(
        0,
        Flow {
            id: FlowId(7),
            from: NoteId(1),
            to: NoteId(2),
            direction: FlowDirection::BothWays,
            label: "revenue <share>".into(),
            kind: Some(money.id),
        },
    )]));
    let svg = to_svg(&b).unwrap();
    let flow = &svg[svg.find(r#"<g id="flow-7">"#).expect("a group per flow")..];
    assert!(
        svg.find("<g id=\"note-2\">").unwrap() < svg.find("flow-7").unwrap(),
        "over the notes"
    );
    let stroke = format!(r#"stroke="{}" stroke-width="3""#, money.color.to_hex());
    assert!(flow.contains(&stroke), "in the kind's colour: {flow}");
    assert_eq!(flow.matches("<polygon").count(), 2, "both ways");
    assert!(flow.contains(">revenue &lt;share&gt;</tspan>"));
    // The line runs between the notes' edges, not through them.
    let x1: f32 = flow
        .split("x1=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(x1 > 200.0 && x1 < 400.0, "{x1}");
}
