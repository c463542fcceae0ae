import Testing

/// Groups every incident API suite so they run one test at a time: each test blocks a thread on
/// real sockets and a real database, and running them all at once starves the shared cooperative
/// pool that other packages' async tests need for their timing checks.
@Suite(.serialized) struct APITests {}
