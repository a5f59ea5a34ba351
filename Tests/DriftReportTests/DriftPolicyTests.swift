import DriftReport
import DriftStatistics
import DriftTables
import Testing

@Suite("DriftPolicy")
struct DriftPolicyTests {
    /// The reason `policy.validate(kinds:)` gives, or nil when it accepts the policy.
    func rejection(_ policy: DriftPolicy, kinds: [String: ColumnKind] = [:]) -> String? {
        do {
            try policy.validate(kinds: kinds)
            return nil
        } catch ComparisonError.invalidPolicy(let reason) {
            return reason
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("knobs out of range are one line each, naming the knob")
    func outOfRange() {
        var policy = DriftPolicy()
        for alpha in [0, 1, -0.1, .nan] {
            policy.alpha = alpha
            #expect(rejection(policy)?.hasPrefix("alpha must be in (0, 1), got") == true, "\(alpha)")
        }
        policy = DriftPolicy()
        policy.minSamples = -1
        #expect(rejection(policy) == "min_samples must be at least 0, got -1")
        policy = DriftPolicy()
        policy.minSamplesByFeature = ["age": 5, "tenure": -2]
        #expect(rejection(policy) == "min_samples of tenure must be at least 0, got -2")
        policy = DriftPolicy()
        policy.effectSize = EffectSizeGate()
        #expect(rejection(policy) == "effect-size needs psi and/or wasserstein_normalized")
        policy.effectSize = EffectSizeGate(psi: 0.1, wassersteinNormalized: -0.5)
        #expect(rejection(policy) == "effect-size wasserstein_normalized must be a number of at least 0, got -0.5")
        policy.effectSize = EffectSizeGate(psi: .nan)
        #expect(rejection(policy) == "effect-size psi must be a number of at least 0, got nan")
        policy.effectSize = EffectSizeGate(psi: 0, wassersteinNormalized: 0.2)
        #expect(rejection(policy) == nil)
    }

    @Test("a deciding test must fit its feature's kind when the kind is known")
    func testFitsKind() {
        var policy = DriftPolicy()
        policy.decidingTests = ["contract": .kolmogorovSmirnov, "age": .cramerVonMises]
        #expect(rejection(policy) == nil)  // kinds unknown: nothing to check yet
        #expect(rejection(policy, kinds: ["age": .numeric]) == nil)
        #expect(rejection(policy, kinds: ["age": .numeric, "contract": .categorical])
            == "feature contract is categorical; test ks does not apply (use chi_square)")
        policy.decidingTests = ["age": .chiSquare]
        #expect(rejection(policy, kinds: ["age": .numeric])
            == "feature age is numeric; test chi_square does not apply (use ks or cramer_von_mises)")
    }

    @Test("the deciding test defaults by kind; overrides win")
    func decidingTest() {
        var policy = DriftPolicy()
        #expect(policy.decidingTest(for: "age", kind: .numeric) == .kolmogorovSmirnov)
        #expect(policy.decidingTest(for: "plan", kind: .categorical) == .chiSquare)
        policy.decidingTests["age"] = .cramerVonMises
        #expect(policy.decidingTest(for: "age", kind: .numeric) == .cramerVonMises)
        #expect(policy.decidingTest(for: "tenure", kind: .numeric) == .kolmogorovSmirnov)
    }

    @Test("min_samples: production is named first, per-feature overrides win, 0 is off")
    func insufficiency() {
        var policy = DriftPolicy()
        #expect(policy.insufficiency(of: "age", referenceCount: 0, productionCount: 0) == nil)
        policy.minSamples = 30
        policy.minSamplesByFeature["rare"] = 2
        #expect(policy.insufficiency(of: "age", referenceCount: 10, productionCount: 10)
            == "production has 10 values, min_samples is 30")
        #expect(policy.insufficiency(of: "age", referenceCount: 29, productionCount: 30)
            == "reference has 29 values, min_samples is 30")
        #expect(policy.insufficiency(of: "age", referenceCount: 30, productionCount: 30) == nil)
        #expect(policy.insufficiency(of: "rare", referenceCount: 2, productionCount: 2) == nil)
        #expect(policy.insufficiency(of: "rare", referenceCount: 2, productionCount: 1)
            == "production has 1 values, min_samples is 2")
    }

    @Test("the effect-size gate: either threshold passes; a moved constant reference is unbounded")
    func effectSizeGate() {
        let gate = EffectSizeGate(psi: 0.1, wassersteinNormalized: 0.2)
        #expect(gate.passes(psi: 0.11, wassersteinNormalized: 0))
        #expect(gate.passes(psi: 0, wassersteinNormalized: 0.21))
        #expect(!gate.passes(psi: 0.1, wassersteinNormalized: 0.2))  // strictly above
        #expect(!gate.passes(psi: nil, wassersteinNormalized: nil))
        #expect(EffectSizeGate(psi: 0.1).passes(psi: nil, wassersteinNormalized: 5) == false)
    }

    @Test("the policy decides: a drifted p-value is held back by the gate, the deciding test's p-value counts")
    func decides() throws {
        // age moved by a small amount on a large sample: significant, tiny effect.
        let reference = (0..<4000).map { Double($0 % 400) }
        let production = (0..<4000).map { Double($0 % 400) + 40 }
        let columns = { (values: [Double]) in [ColumnSample(name: "age", kind: .numeric, values: values, rowCount: values.count)] }
        var options = ComparisonOptions()
        let plain = try compareColumns(reference: columns(reference), production: columns(production), options: options)
        let age = try #require(plain.features.first)
        #expect(age.drifted && age.decidingTest == .kolmogorovSmirnov)
        let psi = try #require(age.psi.value?.value)

        options.policy.effectSize = EffectSizeGate(psi: psi * 2)
        let gated = try compareColumns(reference: columns(reference), production: columns(production), options: options)
        #expect(gated.features.first?.drifted == false)
        options.policy.effectSize = EffectSizeGate(psi: psi / 2)
        let passed = try compareColumns(reference: columns(reference), production: columns(production), options: options)
        #expect(passed.features.first?.drifted == true)

        options.policy.effectSize = nil
        options.policy.decidingTests["age"] = .cramerVonMises
        let cvm = try #require(try compareColumns(
            reference: columns(reference), production: columns(production), options: options).features.first)
        #expect(cvm.decidingTest == .cramerVonMises)
        #expect(cvm.primaryPValue == cvm.pValue(of: .cramerVonMises))

        options.policy.minSamples = 5000
        let short = try #require(try compareColumns(
            reference: columns(reference), production: columns(production), options: options).features.first)
        #expect(short.status == .insufficientSamples && !short.drifted)
        #expect(short.statusReason == "production has 4000 values, min_samples is 5000")
        #expect(short.kolmogorovSmirnov == nil)
    }
}
