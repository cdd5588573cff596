extension MetricRegistry {
    /// Registers a channel's producer-side gauge under `scope`: `backPressuredTimeNs`, the
    /// nanoseconds its producer has waited for a free buffer.
    public func register(_ channel: LocalChannel, scope: String) {
        registerGauge(MetricNames.join(scope, "backPressuredTimeNs"), unit: .nanoseconds) { [channel] in
            Int64(clamping: channel.backpressuredNanoseconds)
        }
    }
}
