import Gazette

/// Limited-memory BFGS minimisation with a backtracking (Armijo) line search.
///
/// Deterministic: given the same objective it takes the same steps, so training is reproducible bit for bit.
/// Vectors are `Float` to halve memory; dot products accumulate in `Double`.
struct LBFGS {
    /// Pairs of past steps kept to approximate the inverse Hessian.
    var history = 7
    var maxIterations = 100
    /// Stop when the objective improves by less than this, relative to its size, over one iteration.
    var tolerance = 1e-6

    struct Iteration {
        var number: Int
        var value: Double
        var gradientNorm: Double
    }

    /// Minimises `objective`, which returns the value at `x` and writes the gradient into its second argument.
    func minimize(_ x: inout [Float], objective: (_ x: [Float], _ gradient: inout [Float]) -> Double,
                  progress: (Iteration) -> Void = { _ in }) {
        let n = x.count
        var gradient = [Float](repeating: 0, count: n)
        var value = objective(x, &gradient)
        var steps: [[Float]] = []
        var changes: [[Float]] = []
        var rhos: [Double] = []
        var direction = [Float](repeating: 0, count: n)
        var candidate = [Float](repeating: 0, count: n)
        var candidateGradient = [Float](repeating: 0, count: n)

        for iteration in 1...max(1, maxIterations) {
            // Two-loop recursion: direction = -H·g.
            Self.negate(gradient, into: &direction)
            var alphas = [Double](repeating: 0, count: steps.count)
            for k in stride(from: steps.count - 1, through: 0, by: -1) {
                let alpha = rhos[k] * Self.dot(steps[k], direction)
                alphas[k] = alpha
                Self.addScaled(&direction, changes[k], -alpha)
            }
            if let lastStep = steps.last, let lastChange = changes.last {
                let gamma = Self.dot(lastStep, lastChange) / Self.dot(lastChange, lastChange)
                Self.scale(&direction, gamma)
            }
            for k in 0..<steps.count {
                let beta = rhos[k] * Self.dot(changes[k], direction)
                Self.addScaled(&direction, steps[k], alphas[k] - beta)
            }
            var slope = Self.dot(direction, gradient)
            if slope >= 0 {  // not a descent direction: restart from steepest descent
                steps.removeAll()
                changes.removeAll()
                rhos.removeAll()
                Self.negate(gradient, into: &direction)
                slope = Self.dot(direction, gradient)
            }
            let gradientNorm = Self.dot(gradient, gradient).squareRoot()
            guard gradientNorm > 0 else { break }

            var step = steps.isEmpty ? 1 / gradientNorm : 1.0
            var candidateValue = Double.infinity
            var accepted = false
            for _ in 0..<30 {
                Self.step(from: x, along: direction, by: step, into: &candidate)
                candidateValue = objective(candidate, &candidateGradient)
                if candidateValue <= value + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }

            // Reuse the oldest pair's storage once the history is full.
            var stepVector = steps.count >= history ? steps.removeFirst() : [Float](repeating: 0, count: n)
            var changeVector = changes.count >= history ? changes.removeFirst() : [Float](repeating: 0, count: n)
            if rhos.count > steps.count { rhos.removeFirst() }
            Self.difference(candidate, x, into: &stepVector)
            Self.difference(candidateGradient, gradient, into: &changeVector)
            let curvature = Self.dot(stepVector, changeVector)
            if curvature > 1e-12 {
                steps.append(stepVector)
                changes.append(changeVector)
                rhos.append(1 / curvature)
            }
            swap(&x, &candidate)
            swap(&gradient, &candidateGradient)
            let improvement = value - candidateValue
            value = candidateValue
            progress(Iteration(number: iteration, value: value, gradientNorm: Self.dot(gradient, gradient).squareRoot()))
            if improvement < tolerance * max(1, abs(value)) { break }
        }
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Double {
        // Four partial sums in a fixed order: faster, and still the same result every run.
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= a.count {
            s0 += Double(a[i] * b[i])
            s1 += Double(a[i + 1] * b[i + 1])
            s2 += Double(a[i + 2] * b[i + 2])
            s3 += Double(a[i + 3] * b[i + 3])
            i += 4
        }
        while i < a.count {
            s0 += Double(a[i] * b[i])
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    static func negate(_ a: [Float], into out: inout [Float]) {
        for i in a.indices { out[i] = -a[i] }
    }

    static func difference(_ a: [Float], _ b: [Float], into out: inout [Float]) {
        for i in a.indices { out[i] = a[i] - b[i] }
    }

    static func step(from x: [Float], along direction: [Float], by step: Double, into out: inout [Float]) {
        let f = Float(step)
        for i in x.indices { out[i] = x[i] + f * direction[i] }
    }

    static func addScaled(_ a: inout [Float], _ b: [Float], _ factor: Double) {
        let f = Float(factor)
        for i in a.indices { a[i] += f * b[i] }
    }

    static func scale(_ a: inout [Float], _ factor: Double) {
        let f = Float(factor)
        for i in a.indices { a[i] *= f }
    }
}
