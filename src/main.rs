//! The `concsim` command: all argv handling lives in `cli`.
fn main() {
    std::process::exit(concsim::cli::main());
}
