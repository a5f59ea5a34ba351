import Testing
@Test func placeholderProfiles() { #expect(Bool(true)) }
