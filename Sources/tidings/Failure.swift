import ArgumentParser
import Foundation
import TidingsLibrary

/// An error the command reports in one line on stderr, with its exit status.
struct Failure: Error {
    var message: String
    var status: Int32

    init(_ message: String, status: Int32) {
        self.message = message
        self.status = status
    }

    init(_ error: LibraryError) {
        switch error {
        case .notFound, .ambiguous: self.init(error.description, status: 1)
        case .cannotOpen, .storage, .noLibrary, .notALibrary: self.init(error.description, status: 74)
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, printing a ``Failure`` or ``LibraryError`` as `tidings: …` and exiting with its status.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            Output.error(failure.message)
            throw ExitCode(failure.status)
        } catch let error as LibraryError {
            let failure = Failure(error)
            Output.error(failure.message)
            throw ExitCode(failure.status)
        }
    }
}
