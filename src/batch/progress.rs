//! The progress bar on stderr: files done, rate and time left. Drawn only when asked
//! (the command line asks when stderr is a terminal and `--quiet` is not given), and
//! cleared when the run ends, however it ends.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

pub(crate) struct Progress(Option<ProgressBar>);

const TEMPLATE: &str =
    "{spinner} {pos}/{len} files [{wide_bar}] {rate} {elapsed_precise}, ETA {eta}";

impl Progress {
    /// A bar for `total` inputs; `None` draws nothing.
    pub fn new(total: Option<usize>) -> Self {
        let Some(total) = total else {
            return Progress(None);
        };
        let style = ProgressStyle::with_template(TEMPLATE)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} files/s", state.per_sec());
                },
            )
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
            .with_style(style);
        Progress(Some(bar))
    }

    pub fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
