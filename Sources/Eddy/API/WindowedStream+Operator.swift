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
        return finish(keyed.addKeyedOperator(name) { context, backend, output in
            let builder = WindowOperatorBuilder(
                assigner: assigner, trigger: trigger, factory: factory, function: makeFunction(), output: output,
                clock: context.clock, metrics: context.metrics, settings: settings)
            let windowOperator = try withConcreteBackend(backend, builder)
            let operatorName = context.operatorName
            context.addPeriodic(processingTimerAction(name: name, timers: windowOperator.timers, clock: context.clock) { time in
                try callingUserFunction(operatorName, "processing time \(time)", nil) { try windowOperator.advanceProcessingTime(to: time) }
            })
            let input = keyedWindowInput(windowOperator, key: key, output: output, operatorName: operatorName)
            return (input, [windowOperator])
        })
    }
}

/// Builds a ``WindowOperator`` once the backend's concrete type is known.
struct WindowOperatorBuilder<
    Key: Hashable, Assigner: WindowAssigner, Trig: Trigger, Factory: WindowContentsFactory, Function: WindowResultFunction
>: KeyedBackendConsumer
where
    Trig.Element == Assigner.Element, Trig.W == Assigner.W, Factory.Contents.Input == Assigner.Element,
    Factory.Contents.W == Assigner.W, Function.Input == Factory.Contents.Result, Function.Key == Key, Function.W == Assigner.W
{
    let assigner: Assigner
    let trigger: Trig
    let factory: Factory
    let function: Function
    let output: Output<Function.Out>
    let clock: any StateClock
    let metrics: OperatorMetrics
    let settings: WindowOperatorSettings

    func use<Backend: KeyedStateBackend>(
        _ backend: Backend
    ) throws -> WindowOperator<Key, Assigner, Trig, Factory.Contents, Function> where Backend.Key == Key {
        try WindowOperator(
            backend: backend, assigner: assigner, trigger: trigger,
            contents: try factory.make(backend: backend, windowSerializer: assigner.windowSerializer), function: function,
            output: output, clock: clock, metrics: metrics, settings: settings)
    }
}
