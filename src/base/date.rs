//! Calendar dates and times as authors write them (`2022-11-25`, `2022-11-25T17:03`), in the
//! site's fixed UTC offset. Vietnam has one time zone and no daylight saving, so a fixed offset
//! is exact and spares a time-zone database.

use crate::base::format::push_digits;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    /// False for a date alone, so templates can leave out a meaningless 00:00.
    pub has_time: bool,
}

/// A UTC offset in minutes, `+07:00` → 420.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset(pub i32);

impl Offset {
    pub fn parse(text: &str) -> Option<Offset> {
        let (sign, rest) = match text.as_bytes().first()? {
            b'+' => (1, &text[1..]),
            b'-' => (-1, &text[1..]),
            _ => return None,
        };
        let (h, m) = rest.split_once(':')?;
        let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 14 && m < 60 && rest.len() == 5).then_some(Offset(sign * (h * 60 + m)))
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        write!(f, "{sign}{:02}:{:02}", self.0.abs() / 60, self.0.abs() % 60)
    }
}

impl DateTime {
    /// Accepts `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM` (and `:SS`,
    /// which is dropped: news is dated to the minute).
    pub fn parse(text: &str) -> Result<DateTime, String> {
        let text = text.trim();
        let (date, time) = match text.find(['T', ' ']) {
            Some(i) => (&text[..i], Some(text[i + 1..].trim())),
            None => (text, None),
        };
        let parts: Vec<&str> = date.split('-').collect();
        let [y, m, d] = parts[..] else {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        }
        let number = |s: &str| {
            s.parse::<u32>()
                .map_err(|_| format!("`{text}` is not a date"))
        };
        let (year, month, day) = (number(y)? as i32, number(m)?, number(d)?);
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} does not exist (in `{text}`)"));
        }
        if day == 0 || day > days_in_month(year, month as u8) as u32 {
            return Err(format!(
                "{day:02}/{month:02}/{year} does not exist: that month has {} days",
                days_in_month(year, month as u8)
            ));
        }
        let mut out = DateTime {
            year,
            month: month as u8,
            day: day as u8,
            hour: 0,
            minute: 0,
            has_time: false,
        };
        if let Some(time) = time {
            let fields: Vec<&str> = time.split(':').collect();
            let (h, mi) = match fields[..] {
                [h, m] | [h, m, _] if h.len() == 2 && m.len() == 2 => (h, m),
                _ => return Err(format!("`{time}` is not a time in the form HH:MM")),
            };
            let (h, mi) = (number(h)?, number(mi)?);
            if h > 23 || mi > 59 {
                return Err(format!("{h:02}:{mi:02} is not a valid time of day"));
            }
            out.hour = h as u8;
            out.minute = mi as u8;
            out.has_time = true;
        }
        Ok(out)
    }

    /// The current time at the given offset.
    pub fn now(offset: Offset) -> DateTime {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
            + i64::from(offset.0) * 60;
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        let in_day = secs.rem_euclid(86_400);
        DateTime {
            year,
            month,
            day,
            hour: (in_day / 3600) as u8,
            minute: (in_day % 3600 / 60) as u8,
            has_time: true,
        }
    }

    /// `25/11/2022`: the form every Vietnamese reader expects.
    pub fn date_vi(&self) -> String {
        let mut out = String::with_capacity(10);
        self.push_date_vi(&mut out);
        out
    }

    /// `17:03, 25/11/2022`, or the date alone when no time was given.
    pub fn datetime_vi(&self) -> String {
        let mut out = String::with_capacity(17);
        if self.has_time {
            push_digits(&mut out, self.hour.into(), 2);
            out.push(':');
            push_digits(&mut out, self.minute.into(), 2);
            out.push_str(", ");
        }
        self.push_date_vi(&mut out);
        out
    }

    fn push_date_vi(&self, out: &mut String) {
        push_digits(out, self.day.into(), 2);
        out.push('/');
        push_digits(out, self.month.into(), 2);
        out.push('/');
        push_year(out, self.year, 1);
    }

    /// `2022-11-25` or `2022-11-25T17:03`: the form templates receive and `<time>` accepts.
    pub fn iso(&self) -> String {
        let mut out = self.iso_date();
        if self.has_time {
            self.push_time(&mut out);
        }
        out
    }

    pub fn iso_date(&self) -> String {
        let mut out = String::with_capacity(25);
        push_year(&mut out, self.year, 4);
        out.push('-');
        push_digits(&mut out, self.month.into(), 2);
        out.push('-');
        push_digits(&mut out, self.day.into(), 2);
        out
    }

    /// RFC 3339 with the site's offset, for Atom feeds.
    pub fn rfc3339(&self, offset: Offset) -> String {
        let mut out = self.iso_date();
        self.push_time(&mut out);
        out.push_str(":00");
        out.push(if offset.0 < 0 { '-' } else { '+' });
        push_digits(&mut out, offset.0.unsigned_abs() / 60, 2);
        out.push(':');
        push_digits(&mut out, offset.0.unsigned_abs() % 60, 2);
        out
    }

    /// `T17:03`
    fn push_time(&self, out: &mut String) {
        out.push('T');
        push_digits(out, self.hour.into(), 2);
        out.push(':');
        push_digits(out, self.minute.into(), 2);
    }
}

/// A year as `{:0width$}` writes it, the sign counted in the width.
fn push_year(out: &mut String, year: i32, width: usize) {
    if year < 0 {
        out.push('-');
        push_digits(out, year.unsigned_abs(), width.saturating_sub(1));
    } else {
        push_digits(out, year.unsigned_abs(), width);
    }
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_format_writes_them() {
        for year in [-12, 0, 7, 99, 999, 2022, 9999, 12345] {
            for (month, day, hour, minute) in [(1, 2, 0, 0), (11, 25, 17, 3), (12, 31, 23, 59)] {
                for has_time in [false, true] {
                    let d = DateTime {
                        year,
                        month,
                        day,
                        hour,
                        minute,
                        has_time,
                    };
                    let date_vi = format!("{day:02}/{month:02}/{year}");
                    let time = format!("T{hour:02}:{minute:02}");
                    let iso_date = format!("{year:04}-{month:02}-{day:02}");
                    let (iso, datetime_vi) = if has_time {
                        (
                            format!("{iso_date}{time}"),
                            format!("{hour:02}:{minute:02}, {date_vi}"),
                        )
                    } else {
                        (iso_date.clone(), date_vi.clone())
                    };
                    assert_eq!(d.date_vi(), date_vi);
                    assert_eq!(d.iso_date(), iso_date);
                    assert_eq!(d.iso(), iso);
                    assert_eq!(d.datetime_vi(), datetime_vi);
                    for offset in [Offset(420), Offset(-330), Offset(0)] {
                        assert_eq!(d.rfc3339(offset), format!("{iso_date}{time}:00{offset}"));
                    }
                }
            }
        }
    }

    #[test]
    fn parses_both_forms() {
        let d = DateTime::parse("2022-11-25").unwrap();
        assert_eq!((d.year, d.month, d.day, d.has_time), (2022, 11, 25, false));
        assert_eq!(d.date_vi(), "25/11/2022");
        let t = DateTime::parse("2022-11-25T17:03").unwrap();
        assert_eq!(t.datetime_vi(), "17:03, 25/11/2022");
        assert_eq!(t.rfc3339(Offset(420)), "2022-11-25T17:03:00+07:00");
        assert_eq!(
            DateTime::parse("2022-11-25 17:03:59").unwrap().iso(),
            "2022-11-25T17:03"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(DateTime::parse("2022-02-29").is_err());
        assert!(DateTime::parse("2024-02-29").is_ok());
        assert!(DateTime::parse("25/11/2022").is_err());
        assert!(DateTime::parse("2022-13-01").is_err());
        assert!(DateTime::parse("2022-11-25T24:00").is_err());
        assert!(DateTime::parse("dd/mm/yyyy").is_err());
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_321), (2022, 11, 25));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn offsets() {
        assert_eq!(Offset::parse("+07:00"), Some(Offset(420)));
        assert_eq!(Offset::parse("-03:30"), Some(Offset(-210)));
        assert_eq!(Offset::parse("7"), None);
        assert_eq!(Offset(420).to_string(), "+07:00");
    }
}
