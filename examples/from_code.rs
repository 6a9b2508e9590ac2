//! A brochure built entirely in code, from data the program makes itself:
//! four weekly reports of a (made-up) hilltop weather station, each with a
//! chart drawn with the `image` crate, the week's figures as a list and the
//! observer's remark as a pull quote. No YAML and no files are involved: the
//! model is made with its builders and typed setters, the charts are given
//! as bytes, and the whole is handed to `brochure::compile`.
//!
//! ```text
//! cargo run --release --example from_code              # writes from_code.pdf
//! cargo run --release --example from_code -- out.pdf
//! ```

use std::error::Error;

use brochure::model::{Brochure, Color, Image, Item, Link, Theme};
use chrono::{Datelike, Days, NaiveDate};

/// One day of readings.
struct Day {
    date: NaiveDate,
    high: f32,
    low: f32,
    rain_mm: f32,
}

/// Four weeks of March, from a smooth warming trend and a few showers: the
/// same numbers on every run.
fn readings(start: NaiveDate) -> Vec<Day> {
    (0..28u32)
        .map(|i| {
            let t = i as f32;
            let high = 8.0 + 0.25 * t + 3.0 * (t * 0.9).sin();
            let rain = if i % 5 == 2 || i % 7 == 4 { 2.0 + (t * 1.7).sin().abs() * 9.0 } else { 0.0 };
            Day { date: start + Days::new(i.into()), high, low: high - 6.0 - 2.0 * (t * 0.5).cos(), rain_mm: rain }
        })
        .collect()
}

/// A chart of the week: a bar from each day's low to its high, and a blue
/// drop under the days with rain.
fn chart(week: &[Day]) -> Vec<u8> {
    let (w, h) = (1400u32, 700u32);
    let mut img = image::RgbImage::from_pixel(w, h, image::Rgb([248, 246, 240]));
    // 28 pixels a degree, 0 °C just above the rain gauge.
    let y_of = |celsius: f32| (h as f32 - 70.0 - celsius * 28.0).clamp(0.0, h as f32 - 1.0) as u32;
    for (i, day) in week.iter().enumerate() {
        let x0 = 80 + i as u32 * 185;
        for x in x0..x0 + 120 {
            for y in y_of(day.high)..=y_of(day.low) {
                // Warmer at the top of the bar.
                let t = (y - y_of(day.high)) as f32 / (y_of(day.low) - y_of(day.high)).max(1) as f32;
                let c = [(220.0 - 90.0 * t) as u8, (90.0 + 40.0 * t) as u8, (60.0 + 120.0 * t) as u8];
                img.put_pixel(x, y, image::Rgb(c));
            }
            if day.rain_mm > 0.0 {
                let drop = (day.rain_mm * 4.0) as u32;
                for y in h - 40 - drop..h - 40 {
                    img.put_pixel(x, y, image::Rgb([40, 110, 190]));
                }
            }
        }
    }
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).expect("encoding to memory cannot fail");
    png
}

fn main() -> Result<(), Box<dyn Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "from_code.pdf".to_string());
    let days = readings(NaiveDate::from_ymd_opt(2025, 3, 3).ok_or("bad start date")?);

    let mut brochure = Brochure::new("Hilltop weather station")
        .subtitle("March 2025, week by week")
        .publisher("Hilltop Weather Society")
        .date(NaiveDate::from_ymd_opt(2025, 4, 1).ok_or("bad date")?)
        .language("en")
        .intro("Four weeks of readings from our station: the temperatures, the rain and what the observer made of them.")
        .closing("Thank you to the volunteers who read the instruments every morning.")
        .theme(Theme::default().accent_color(Color::rgb(0x0b, 0x6e, 0x4f)).date_format("%e %B %Y").toc(true));
    let mut last_mean: Option<f32> = None;
    for (n, week) in days.chunks(7).enumerate() {
        let (first, last) = (&week[0], &week[week.len() - 1]);
        let warmest = week.iter().max_by(|a, b| a.high.total_cmp(&b.high)).ok_or("an empty week")?;
        let rain: f32 = week.iter().map(|d| d.rain_mm).sum();
        let wet = week.iter().filter(|d| d.rain_mm > 0.0).count();
        let mean = week.iter().map(|d| d.high).sum::<f32>() / week.len() as f32;
        let figures = week.iter().map(|d| {
            let rain = if d.rain_mm > 0.0 { format!(", **{:.1} mm** of rain", d.rain_mm) } else { String::new() };
            format!("{} {}: {:.1} to {:.1} °C{rain}", d.date.format("%a"), d.date.day(), d.low, d.high)
        });
        let trend = match last_mean {
            None => format!("Readings were taken every hour. The daily highs averaged {mean:.1} °C."),
            Some(before) => format!(
                "Readings were taken every hour. The daily highs averaged {mean:.1} °C, {:.1} degrees {} than the week before.",
                (mean - before).abs(),
                if mean >= before { "warmer" } else { "cooler" }
            ),
        };
        // The chart is given as its bytes: nothing is written to disk.
        let chart = Image::from_bytes(format!("week-{}.png", n + 1), chart(week))
            .caption("Each bar runs from the night's low to the day's high; blue marks rain.")
            .alt(format!("A chart of the daily temperatures of week {}", n + 1));
        brochure = brochure.item(
            Item::new(format!("Week {}: {} to {}", n + 1, first.date.format("%e %B").to_string().trim(), last.date.format("%e %B").to_string().trim()))
                .date(last.date)
                .location("Hilltop station, 412 m")
                .summary(format!(
                    "The warmest day was {}, at {:.1} °C; {wet} of 7 days brought rain, {rain:.1} mm in all.",
                    warmest.date.format("%A"),
                    warmest.high
                ))
                .image(chart)
                .paragraph(trend)
                .heading("Day by day")
                .list(figures)
                .quote(
                    if rain > 20.0 { "A wet week: the gauge was emptied twice." } else { "Dry enough to repaint the screen on Saturday." },
                    Some("The station's observer"),
                )
                .link(Link::new("The station's open data", "https://example.org/hilltop/data"))
                .tag("Weather")
                .tag(format!("Week {}", n + 1)),
        );
        last_mean = Some(mean);
    }

    // No file is read, so any folder will do as the base.
    match brochure::compile(&brochure, std::path::Path::new("."), &brochure::Options::default()) {
        Ok(pdf) => {
            for w in &pdf.warnings {
                eprintln!("{}", w.headline("from_code"));
            }
            std::fs::write(&out, &pdf.pdf)?;
            println!("wrote {out}: {} pages, {} items", pdf.pages, pdf.items);
            Ok(())
        }
        // A model made in code has no file to point into: each problem is
        // told by its field path.
        Err(brochure::Error::Source(problems)) => {
            for p in &problems {
                eprintln!("{}", p.headline("from_code"));
            }
            Err(format!("{} problems in the brochure", problems.len()).into())
        }
        Err(e) => Err(e.into()),
    }
}
