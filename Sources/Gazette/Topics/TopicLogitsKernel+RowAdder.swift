import CGazetteKernels

/// The kernel's inner loop: the weighted sum of a document's weight rows, sixteen labels (one chunk of a row) per
/// vector. The portable build targets baseline x86-64, whose 8-bit-to-float conversion takes four lanes at a time; on
/// a processor with AVX2 the C kernel `gazette_topic_row_sums_avx2` does eight. Both add each lane's products in the
/// rows' order, each product rounded before it is added, so they give the same sums bit for bit
/// (`TopicLogitsKernelRowAdderTests`).
extension TopicLogitsKernel {
    /// Which code adds up the rows.
    enum RowAdder: Sendable {
        /// Swift SIMD: any processor, and the reference for `avx2`.
        case portable
        /// The C kernel built for AVX2; only where `RowAdder.avx2IsAvailable`.
        case avx2

        /// Whether this processor runs AVX2 code: asked once per process.
        static let avx2IsAvailable = gazette_kernels_have_avx2() != 0

        /// AVX2 where the processor has it, else the portable code.
        static var fastest: RowAdder { avx2IsAvailable ? .avx2 : .portable }
    }

    /// Writes into `sums` (`chunks * 16` floats) the sum over the features of `values[i]` times the stored 8-bit
    /// weights of the row at byte `rows[i]` of `storage`, lane by lane, and returns the sum of the squared values
    /// (computed in the same loop: on its own, its chain of additions would cost more than it does there).
    static func addRows(
        storage: UnsafeRawBufferPointer, rows: UnsafeBufferPointer<Int>, values: UnsafeBufferPointer<Float>,
        chunks: Int, into sums: UnsafeMutableBufferPointer<Float>, using adder: RowAdder
    ) -> Float {
        precondition(sums.count >= chunks * 16 && values.count >= rows.count)
        guard let rowBase = storage.baseAddress, let rowOffsets = rows.baseAddress, let weights = values.baseAddress,
              let sumBase = sums.baseAddress, !rows.isEmpty
        else {
            sums.update(repeating: 0)
            return 0
        }
        switch adder {
        case .avx2:
            return gazette_topic_row_sums_avx2(rowBase, rowOffsets, weights, rows.count, chunks, sumBase)
        case .portable:
            return portableAddRows(storage: storage, rows: rows, values: values, chunks: chunks, into: sums)
        }
    }

    /// `addRows` in Swift SIMD.
    private static func portableAddRows(
        storage: UnsafeRawBufferPointer, rows: UnsafeBufferPointer<Int>, values: UnsafeBufferPointer<Float>,
        chunks: Int, into sums: UnsafeMutableBufferPointer<Float>
    ) -> Float {
        let output = UnsafeMutableRawBufferPointer(sums)
        // A local sum of squares stays in a register.
        var squares: Float = 0
        if chunks == 1 {
            // Up to 15 labels (the usual case): the sum stays in registers.
            var sum = Lanes.zero
            for index in rows.indices {
                let value = values[index]
                squares += value * value
                sum += Lanes(repeating: value) * floats(storage.loadUnaligned(fromByteOffset: rows[index], as: SIMD16<Int8>.self))
            }
            output.storeBytes(of: sum, as: Lanes.self)
            return squares
        }
        if chunks == 3 {
            // 33 to 47 classes (labels with finer classes): three sums in registers.
            var sum0 = Lanes.zero, sum1 = Lanes.zero, sum2 = Lanes.zero
            for index in rows.indices {
                let value = values[index], row = rows[index]
                squares += value * value
                let factor = Lanes(repeating: value)
                sum0 += factor * floats(storage.loadUnaligned(fromByteOffset: row, as: SIMD16<Int8>.self))
                sum1 += factor * floats(storage.loadUnaligned(fromByteOffset: row + 16, as: SIMD16<Int8>.self))
                sum2 += factor * floats(storage.loadUnaligned(fromByteOffset: row + 32, as: SIMD16<Int8>.self))
            }
            output.storeBytes(of: sum0, toByteOffset: 0, as: Lanes.self)
            output.storeBytes(of: sum1, toByteOffset: MemoryLayout<Lanes>.stride, as: Lanes.self)
            output.storeBytes(of: sum2, toByteOffset: 2 * MemoryLayout<Lanes>.stride, as: Lanes.self)
            return squares
        }
        var chunkSums = [Lanes](repeating: .zero, count: chunks)
        for index in rows.indices {
            let value = values[index]
            squares += value * value
            let factor = Lanes(repeating: value)
            for chunk in 0..<chunks {
                chunkSums[chunk] += factor * floats(storage.loadUnaligned(fromByteOffset: rows[index] + chunk * 16, as: SIMD16<Int8>.self))
            }
        }
        for chunk in 0..<chunks {
            output.storeBytes(of: chunkSums[chunk], toByteOffset: chunk * MemoryLayout<Lanes>.stride, as: Lanes.self)
        }
        return squares
    }

    /// Lane-wise conversion, written out because the generic SIMD initialiser is not inlined.
    @inline(__always)
    static func floats(_ bytes: SIMD16<Int8>) -> SIMD16<Float> {
        var result = SIMD16<Float>()
        for lane in 0..<16 { result[lane] = Float(bytes[lane]) }
        return result
    }
}
