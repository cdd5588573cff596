import EddyCore
import EddyRuntime
import EddyState
import EddyWindowing

extension WindowedStream {
    /// Adds the general ``WindowOperator`` with the contents `factory` makes and the function
    /// `makeFunction` makes (one per subtask), on the keyed backend of each subtask.
    func generalOperator<F: WindowContentsFactory, R: WindowResultFunction>(
        _ name: String, _ factory: F, _ makeFunction: @escaping () -> R
    ) -> DataStream<R.Out>
    where
        F.Contents.Input == Element, F.Contents.W == Assigner.W, R.Input == F.Contents.Result, R.Key == Key,
        R.W == Assigner.W, R.Out: StreamSerializable
    {
        let key = keyed.key
        let assigner = self.assigner
        let trigger = windowTrigger
        let settings = self.settings(name)
        return finish(keyed.addKeyedOperator(name) { context, backend, checkpointing, output in
            let builder = WindowOperatorBuilder(
                assigner: assigner, trigger: trigger, factory: factory, function: makeFunction(), output: output,
                clock: context.clock, metrics: context.metrics, settings: settings)
            let windowOperator = try withConcreteBackend(backend, builder)
            try checkpointing.attach(windowOperator.timers)
            let operatorName = context.operatorName
            context.addPeriodic(processingTimerAction(name: name, timers: windowOperator.timers, clock: context.clock) { time in
                try callingUserFunction(operatorName, "processing time \(time)", nil) { try windowOperator.advanceProcessingTime(to: time) }
            })
            let input = keyedWindowInput(windowOperator, key: key, output: output, operatorName: operatorName)
            return (input, [windowOperator])
        })
    }
}

/// Builds a ``WindowOperator`` once the backend's concrete type is known. Inlinable, so the
/// program's module specializes the state registration for its own types.
@usableFromInline
struct WindowOperatorBuilder<
    Key: Hashable, Assigner: WindowAssigner, Trig: Trigger, Factory: WindowContentsFactory, Function: WindowResultFunction
>: KeyedBackendConsumer
where
    Trig.Element == Assigner.Element, Trig.W == Assigner.W, Factory.Contents.Input == Assigner.Element,
    Factory.Contents.W == Assigner.W, Function.Input == Factory.Contents.Result, Function.Key == Key, Function.W == Assigner.W
{
    @usableFromInline let assigner: Assigner
    @usableFromInline let trigger: Trig
    @usableFromInline let factory: Factory
    @usableFromInline let function: Function
    @usableFromInline let output: Output<Function.Out>
    @usableFromInline let clock: any StateClock
    @usableFromInline let metrics: OperatorMetrics
    @usableFromInline let settings: WindowOperatorSettings

    @usableFromInline
    init(
        assigner: Assigner, trigger: Trig, factory: Factory, function: Function, output: Output<Function.Out>, clock: any StateClock,
        metrics: OperatorMetrics, settings: WindowOperatorSettings
    ) {
        self.assigner = assigner
        self.trigger = trigger
        self.factory = factory
        self.function = function
        self.output = output
        self.clock = clock
        self.metrics = metrics
        self.settings = settings
    }

    @inlinable
    func use<Backend: KeyedStateBackend>(
        _ backend: Backend
    ) throws -> WindowOperator<Key, Assigner, Trig, Factory.Contents, Function> where Backend.Key == Key {
        try WindowOperator(
            backend: backend, assigner: assigner, trigger: trigger,
            contents: try factory.make(backend: backend, windowSerializer: assigner.windowSerializer),
            mergingWindows: assigner.isMerging ? try MergingWindowsState(backend: backend, windowSerializer: assigner.windowSerializer) : nil,
            function: function,
            output: output, clock: clock, metrics: metrics, settings: settings)
    }
}
