//! The date shapes of old portals ("09/05/2020 07:50 AM", "17:03 25/11/2022", "Thứ Hai,
//! 04/10/2019", "ngày 25 tháng 11 năm 2022") read into `date::DateTime`. A template
//! placeholder such as "dd/mm/yyyy" is recognised as one and never taken for a date.

use crate::base::date::{DateTime, Offset, days_in_month};
use crate::base::text::fold;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DateLine {
    /// The line is a date. `updated` when it is labelled as an update ("Cập nhật: ...");
    /// `swapped` when it could only be read month first (09/25/2020).
    Date {
        date: DateTime,
        updated: bool,
        swapped: bool,
    },
    /// The line holds a template placeholder where the date should be.
    Placeholder,
    /// The line is shaped as a date that does not exist; the message says why.
    Impossible(String),
}

/// What a line is when it holds nothing but a date: label, weekday, date, time, AM/PM and a
/// time zone in any order. Any other word makes it a sentence, never a date line.
pub(super) fn date_line(text: &str) -> Option<DateLine> {
    let folded = fold(text).replace([',', '|', '(', ')', '[', ']'], " ");
    let tokens: Vec<&str> = folded
        .split_whitespace()
        .map(|t| t.trim_end_matches(':'))
        .filter(|t| !t.is_empty())
        .collect();
    let (mut date, mut time, mut pm, mut placeholder, mut updated) =
        (None, None, None, false, false);
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let next = tokens.get(i + 1).copied().unwrap_or_default();
        if is_placeholder(t) {
            placeholder = true;
        } else if let Some(d) = numeric_date(t) {
            if date.replace(d).is_some() {
                return None;
            }
        } else if let Some(d) = spelled_date(&tokens[i..]) {
            if date.replace(Ok(d)).is_some() {
                return None;
            }
            i += 6;
            continue;
        } else if let Some(hm) = clock(t) {
            time = Some(hm);
        } else if matches!(t, "am" | "sa") {
            pm = Some(false);
        } else if matches!(t, "pm" | "ch") {
            pm = Some(true);
        } else if (t == "thu" && is_weekday(next)) || (t == "chu" && next == "nhat") {
            i += 2;
            continue;
        } else if t == "cap" && next == "nhat" {
            updated = true;
            i += 2;
            continue;
        } else if !LABELS.contains(&t) && !is_zone(t) {
            return None;
        }
        i += 1;
    }
    match date {
        None if placeholder => Some(DateLine::Placeholder),
        None => None,
        Some(Err(message)) => Some(DateLine::Impossible(message)),
        Some(Ok((mut date, swapped))) => {
            if let Some((hour, minute)) = time {
                let hour = match pm {
                    Some(true) if hour < 12 => hour + 12,
                    Some(false) if hour == 12 => 0,
                    _ => hour,
                };
                if hour > 23 || minute > 59 {
                    return Some(DateLine::Impossible(format!(
                        "{hour:02}:{minute:02} is not a time of day"
                    )));
                }
                (date.hour, date.minute, date.has_time) = (hour, minute, true);
            }
            Some(DateLine::Date {
                date,
                updated,
                swapped,
            })
        }
    }
}

/// Labels and filler words around a date, folded: "Ngày đăng:", "Đăng lúc", "Posted on".
const LABELS: &[&str] = &[
    "ngay", "dang", "luc", "vao", "thoi", "gian", "xuat", "ban", "posted", "on", "date", "-", "–",
    "•",
];

fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "hai" | "ba" | "tu" | "nam" | "sau" | "bay" | "2" | "3" | "4" | "5" | "6" | "7"
    )
}

fn is_zone(token: &str) -> bool {
    let t = token.trim_start_matches("gmt").trim_start_matches("utc");
    t.is_empty() || Offset::parse(t).is_some() || matches!(t, "+7" | "+07" | "+0700")
}

/// `25/11/2022`, `25-11-2022`, `25.11.2022`, `2022-11-25` (and `2022-11-25T17:03`, an ISO
/// timestamp, whose time is kept). Day first, as Vietnamese write it; month first only when
/// the day first cannot be (`09/25/2020`).
fn numeric_date(token: &str) -> Option<Result<(DateTime, bool), String>> {
    let (day_part, time_part) = match token.split_once('t') {
        Some((d, t)) if d.len() == 10 => (d, Some(t)),
        _ => (token, None),
    };
    let parts: Vec<&str> = day_part.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else { return None };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let number = |s: &str| s.parse::<u32>().ok();
    let (mut day, mut month, year) = match (a.len(), b.len(), c.len()) {
        (4, 1..=2, 1..=2) => (number(c)?, number(b)?, number(a)?),
        (1..=2, 1..=2, 4) => (number(a)?, number(b)?, number(c)?),
        _ => return None,
    };
    let swapped = month > 12 && day <= 12;
    if swapped {
        (day, month) = (month, day);
    }
    let mut date = match DateTime::parse(&format!("{year:04}-{month:02}-{day:02}")) {
        Ok(d) => d,
        Err(message) => return Some(Err(message)),
    };
    if let Some((hour, minute)) = time_part.and_then(clock) {
        (date.hour, date.minute, date.has_time) = (hour, minute, true);
    }
    Some(Ok((date, swapped)))
}

/// "ngày 25 tháng 11 năm 2022", folded to six tokens.
fn spelled_date(tokens: &[&str]) -> Option<(DateTime, bool)> {
    let [ngay, d, thang, m, nam, y, ..] = tokens else {
        return None;
    };
    if (*ngay, *thang, *nam) != ("ngay", "thang", "nam") || y.len() != 4 {
        return None;
    }
    numeric_date(&format!("{d}/{m}/{y}"))?.ok()
}

/// `07:50`, `7:50:12`, `17h03`, `7h`.
fn clock(token: &str) -> Option<(u8, u8)> {
    let (h, m) = token
        .split_once(':')
        .or_else(|| token.split_once('h'))
        .or_else(|| token.split_once('g'))?;
    let m = m.split(':').next().unwrap_or_default();
    let digits = |s: &str, max_len| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u8>().ok())
            .flatten()
    };
    let hour = digits(h, 2)?;
    let minute = if m.is_empty() { 0 } else { digits(m, 2)? };
    Some((hour, minute))
}

/// `dd/mm/yyyy`, `xx/xx/xxxx`, `--/--/----`, `00/00/0000`, `hh:mm`: a form's empty field.
fn is_placeholder(token: &str) -> bool {
    let fields: Vec<&str> = token.split(['/', '-', '.', ':']).collect();
    fields.len() >= 2
        && token.contains(['/', ':', '.'])
        && fields.iter().all(|f| f.len() <= 4)
        && fields.iter().all(|f| {
            f.chars()
                .all(|c| matches!(c, 'd' | 'm' | 'y' | 'x' | 'h' | 's' | 'n' | 't' | '_' | '0'))
                || f.is_empty()
        })
        && token.chars().any(|c| !matches!(c, '/' | ':' | '.'))
}

/// Every valid day-first date written in running text, for the editor's hint.
pub(super) fn dates_in(text: &str) -> Vec<DateTime> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .filter_map(|w| match numeric_date(w)? {
            Ok((d, false)) => Some(d),
            _ => None,
        })
        .collect()
}

/// An ISO timestamp from a page's metadata (`2022-11-25T10:03:00Z`,
/// `2022-11-25T17:03:00+07:00`), at the site's offset.
pub(super) fn timestamp(text: &str, site: Offset) -> Option<DateTime> {
    let text = text.trim();
    let mut date = DateTime::parse(text.get(..10)?).ok()?;
    let rest = text.get(10..).unwrap_or_default();
    let Some(time) = rest.strip_prefix(['T', ' ']) else {
        return Some(date);
    };
    let (hour, minute) = (
        time.get(..2)?.parse::<i32>().ok()?,
        time.get(3..5)?.parse::<i32>().ok()?,
    );
    let zone = time.get(5..).unwrap_or_default();
    let zone = zone.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    let offset = match zone {
        "" => site,
        "Z" | "z" => Offset(0),
        z => Offset::parse(z)?,
    };
    let minutes = hour * 60 + minute + site.0 - offset.0;
    let mut days = minutes.div_euclid(1440);
    let in_day = minutes.rem_euclid(1440);
    (date.hour, date.minute, date.has_time) = ((in_day / 60) as u8, (in_day % 60) as u8, true);
    while days > 0 {
        date = next_day(date);
        days -= 1;
    }
    if days < 0 {
        date = previous_day(date);
    }
    Some(date)
}

fn next_day(mut d: DateTime) -> DateTime {
    if d.day < days_in_month(d.year, d.month) {
        d.day += 1;
    } else if d.month < 12 {
        (d.day, d.month) = (1, d.month + 1);
    } else {
        (d.day, d.month, d.year) = (1, 1, d.year + 1);
    }
    d
}

fn previous_day(mut d: DateTime) -> DateTime {
    if d.day > 1 {
        d.day -= 1;
    } else if d.month > 1 {
        d.month -= 1;
        d.day = days_in_month(d.year, d.month);
    } else {
        (d.day, d.month, d.year) = (31, 12, d.year - 1);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(line: &str) -> String {
        match date_line(line) {
            Some(DateLine::Date { date, .. }) => date.iso(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn portal_shapes() {
        assert_eq!(iso("09/05/2020 07:50 AM"), "2020-05-09T07:50");
        assert_eq!(iso("09/05/2020 07:50 PM"), "2020-05-09T19:50");
        assert_eq!(iso("12/05/2020 12:10 AM"), "2020-05-12T00:10");
        assert_eq!(iso("17:03 25/11/2022 "), "2022-11-25T17:03");
        assert_eq!(iso("04/10/2019"), "2019-10-04");
        assert_eq!(
            iso("Thứ Hai, 04/10/2019 - 08:15 (GMT+7)"),
            "2019-10-04T08:15"
        );
        assert_eq!(iso("Ngày đăng: 4-10-2019"), "2019-10-04");
        assert_eq!(iso("Chủ nhật, ngày 25 tháng 11 năm 2022"), "2022-11-25");
        assert_eq!(iso("2022-11-25T17:03:00+07:00"), "2022-11-25T17:03");
        assert_eq!(iso("Thứ 6, 25.11.2022 | 17h03"), "2022-11-25T17:03");
    }

    #[test]
    fn labels_say_when_it_is_an_update_and_month_first_is_a_last_resort() {
        assert_eq!(
            date_line("Cập nhật lúc: 25/11/2022"),
            Some(DateLine::Date {
                date: DateTime::parse("2022-11-25").unwrap(),
                updated: true,
                swapped: false
            })
        );
        assert!(matches!(
            date_line("09/25/2020"),
            Some(DateLine::Date { swapped: true, .. })
        ));
    }

    #[test]
    fn placeholders_and_impossible_dates_are_never_dates() {
        for line in [
            "dd/mm/yyyy",
            "DD/MM/YYYY hh:mm",
            "Ngày: xx/xx/xxxx",
            "--/--/----",
        ] {
            assert_eq!(date_line(line), Some(DateLine::Placeholder), "{line}");
        }
        assert_eq!(
            date_line("31/02/2021"),
            Some(DateLine::Impossible(
                "31/02/2021 does not exist: that month has 28 days".into()
            ))
        );
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        for line in [
            "Ngày 12/10/2020 vừa qua, tỉnh ban hành công văn.",
            "Tính đến 30/11/2021",
            "Năm 2022",
            "BHXH tỉnh",
            "3.294.829",
        ] {
            assert_eq!(date_line(line), None, "{line}");
        }
    }

    #[test]
    fn dates_mentioned_in_text() {
        let found =
            dates_in("Đến 31/10/2020, đạt 95,54%; ngày 12/10/2020 (lần 2) và 1.196.739 người.");
        let found: Vec<String> = found.iter().map(DateTime::date_vi).collect();
        assert_eq!(found, ["31/10/2020", "12/10/2020"]);
    }

    #[test]
    fn timestamps_move_to_the_site_offset() {
        let vn = Offset(420);
        assert_eq!(
            timestamp("2022-11-25T10:03:00Z", vn).unwrap().iso(),
            "2022-11-25T17:03"
        );
        assert_eq!(
            timestamp("2022-12-31T20:00:00Z", vn).unwrap().iso(),
            "2023-01-01T03:00"
        );
        assert_eq!(
            timestamp("2022-03-01T01:00:00+09:00", vn).unwrap().iso(),
            "2022-02-28T23:00"
        );
        assert_eq!(timestamp("2022-11-25", vn).unwrap().iso(), "2022-11-25");
        assert_eq!(timestamp("hôm qua", vn), None);
    }
}
