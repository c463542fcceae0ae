extension Collection where Element == UInt8 {
    /// Compares two byte strings without returning early at the first difference, so the time taken
    /// does not reveal how many leading bytes of a secret (a key hash, a MAC) an attacker guessed.
    ///
    /// Lengths are not secret for digests and MACs, so unequal lengths return `false` at once.
    public func constantTimeEquals(_ other: some Collection<UInt8>) -> Bool {
        guard count == other.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(self, other) {
            difference |= left ^ right
        }
        return difference == 0
    }
}
