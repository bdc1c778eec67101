//! `smp-render`: renders an SMP design onto a photo from the command line.
//!
//! Exit status: 0 on success, 2 for a wrong command line, 1 for anything else (an
//! unreadable photo or design, an impossible value, a file that cannot be written).
//! Every failure prints one line on stderr and leaves no output file behind.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "smp-render/cli.rs"]
mod cli;
