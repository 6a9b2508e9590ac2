//! The `brochure` command: build, check or watch a brochure source, start a
//! new one, or print the format's JSON Schema.
#![deny(unsafe_code)]
#![deny(missing_docs)]

mod allocator;
mod cli;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use cli::report::{Format, Reporter};
use cli::{FAILURE, Job, SOURCE_ERRORS, SUCCESS};

/// Turns news items written in YAML into a print-quality PDF brochure.
#[derive(Parser)]
#[command(version, about, after_help = "Exit codes: 0 success, 1 the source has errors, 2 usage error or a file could not be read or written.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDF.
    Build {
        /// The brochure source (YAML).
        src: PathBuf,
        /// Where to write the PDF (default: the source with `.pdf`).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Impose the pages for printing: `booklet` puts them 2-up on sheets
        /// twice the page size, in saddle-stitch order.
        #[arg(long, value_name = "HOW", value_parser = ["booklet"])]
        impose: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Check the source and report problems, without writing anything.
    Check {
        /// The brochure source (YAML).
        src: PathBuf,
        /// Also check it as a print shop would: images (pixels, resolution
        /// as placed, colour), page boxes, fonts, and what they would query.
        #[arg(long)]
        preflight: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Build, then build again whenever the source or a file it uses changes (Ctrl-C stops).
    Watch {
        /// The brochure source (YAML).
        src: PathBuf,
        /// Where to write the PDF (default: the source with `.pdf`).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Start a brochure in a new or empty folder: a commented example, images, the schema.
    New {
        /// The folder to create (it must not exist or be empty).
        dir: PathBuf,
    },
    /// Print the JSON Schema of the source format, for editors and CI.
    Schema,
}

/// How problems and results are printed.
#[derive(Args)]
struct ReportArgs {
    /// How to print problems: `human`, or `json` (one object per line on stdout).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    diagnostics: Format,
    /// Print errors only: no success line, no warnings.
    #[arg(short, long)]
    quiet: bool,
    /// Read images and fonts from this folder and below it (default: the
    /// source's folder); files outside it are refused.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// PDF standards the output must meet, e.g. `ua1,a2a` (`ua1`, `a2a`,
    /// `a2b`; `none`: an untagged PDF). Whatever breaks them is an error.
    /// Default: tagged, and PDF/UA-1 and PDF/A-2 when nothing breaks them.
    #[arg(long, value_name = "LIST", value_parser = |s: &str| brochure::Standard::parse_list(s).map(StandardList))]
    standard: Option<StandardList>,
}

/// The value of `--standard` (a newtype: clap would take a bare `Vec` for
/// a repeated option).
#[derive(Debug, Clone)]
struct StandardList(Vec<brochure::Standard>);

impl ReportArgs {
    fn reporter(&self) -> Reporter {
        Reporter::new(self.diagnostics, self.quiet)
    }
}

fn main() -> ExitCode {
    allocator::purge_freed_memory_at_once();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { FAILURE } else { SUCCESS });
        }
    };
    // Ctrl-C: no half-written file is ever in place of the output (it is
    // renamed over it only when complete); remove the temporary one too.
    let out_dir = match &cli.command {
        Command::Build { src, output, .. } | Command::Watch { src, output, .. } => Some(cli::base_of(&output_for(src, output.clone()))),
        _ => None,
    };
    if let Some(dir) = out_dir {
        let _ = ctrlc::set_handler(move || {
            for tmp in brochure::temp_files_of_this_process(&dir) {
                let _ = std::fs::remove_file(tmp);
            }
            std::process::exit(130);
        });
    }
    let rep = match &cli.command {
        Command::Build { report, .. } | Command::Check { report, .. } | Command::Watch { report, .. } => report.reporter(),
        Command::New { .. } | Command::Schema => Reporter::new(Format::Human, false),
    };
    match run(cli.command, &rep) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            rep.error(&format!("{e:#}"));
            ExitCode::from(FAILURE)
        }
    }
}

fn run(command: Command, rep: &Reporter) -> anyhow::Result<u8> {
    match command {
        Command::Build { src, output, impose, report } => {
            let output = output_for(&src, output);
            let mut job = Job::new(src, Some(output))?.with_root(report.root).with_standards(report.standard.map(|l| l.0));
            job.opts.impose = impose.map(|_| brochure::Impose::Booklet);
            Ok(exit_code(cli::build(&job, rep, "nothing was written")?))
        }
        Command::Check { src, preflight, report } => {
            let mut job = Job::new(src, None)?.with_root(report.root).with_standards(report.standard.map(|l| l.0));
            job.opts.preflight = preflight;
            Ok(exit_code(cli::build(&job, rep, "nothing was written")?))
        }
        Command::Watch { src, output, report } => {
            let output = output_for(&src, output);
            cli::watch::run(&Job::new(src, Some(output))?.with_root(report.root).with_standards(report.standard.map(|l| l.0)), rep)?;
            Ok(SUCCESS)
        }
        Command::New { dir } => {
            let files = cli::new::scaffold(&dir)?;
            let shown = dir.display();
            println!("created {shown}/ with {}", files.join(", "));
            println!("build it:  brochure build {}", dir.join("brochure.yaml").display());
            println!("or watch:  brochure watch {}", dir.join("brochure.yaml").display());
            Ok(SUCCESS)
        }
        Command::Schema => {
            // A reader that stops early (`| head`) is not an error.
            match std::io::stdout().lock().write_all(cli::SCHEMA.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(anyhow::Error::new(e).context("cannot print the schema")),
                _ => Ok(SUCCESS),
            }
        }
    }
}

/// Where the PDF goes: `-o OUT`, or the source with `.pdf`.
fn output_for(src: &std::path::Path, output: Option<PathBuf>) -> PathBuf {
    output.unwrap_or_else(|| src.with_extension("pdf"))
}

fn exit_code(built: cli::Built) -> u8 {
    match built {
        cli::Built::Ok => SUCCESS,
        cli::Built::SourceErrors => SOURCE_ERRORS,
    }
}
