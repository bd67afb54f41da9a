import Glibc

/// How busy the machine is, for the few end-to-end bounds that are about promptness.
///
/// A program on a machine with more runnable threads than cores gets only its share of them,
/// so a bound that holds on an idle machine stretches by that factor; no test may fail for
/// the machine being busy. A program that hangs still runs into the stretched bound.
enum MachineLoad {
    /// The one-minute load average per core, never below 1.
    static var stretch: Double {
        var load = [Double](repeating: 0, count: 1)
        let cores = Double(max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        return getloadavg(&load, 1) == 1 ? max(1, load[0] / cores) : 1
    }
}
