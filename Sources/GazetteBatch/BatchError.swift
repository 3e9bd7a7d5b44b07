import Gazette

/// Why a batch could not start or go on: a `GazetteError` with one of the `GZ4xx` codes (`inputMissing`,
/// `outputUnusable`, `otherBatchInOutput`, `outputLocked`, `manifestDamaged`, `duplicateInput`). Problems with single
/// documents become error records instead, with their `GZ1xx` code.
public typealias BatchError = GazetteError
