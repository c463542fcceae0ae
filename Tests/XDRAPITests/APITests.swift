import Testing

/// Groups every incident API suite so they run one test at a time, and each test awaits its
/// blocking I/O off the cooperative pool (`offPool`): run all at once, these socket- and
/// database-bound tests starved the pool that other packages' async tests need for their timing
/// checks.
@Suite(.serialized) struct APITests {}
