import EddyRuntime
import EddyWindowing

/// The input of a window operator in a chain: elements with their key, watermarks forwarded after
/// the windows they complete have fired; failures name the element or watermark.
func keyedWindowInput<Operator: KeyedWindowOperator, Out>(
    _ windowOperator: Operator, key: @escaping (Operator.Element) -> Operator.Key, output: Output<Out>, operatorName: String
) -> Output<Operator.Element> {
    Output<Operator.Element>(
        record: { value, timestamp in
            try callingUserFunction(operatorName, value, timestamp) {
                try windowOperator.processElement(value, timestamp: timestamp, key: key(value))
            }
        },
        watermark: { watermark in
            try callingUserFunction(operatorName, watermark, watermark.timestamp) { try windowOperator.processWatermark(watermark) }
            try output.watermark(watermark)
        },
        streamStatus: output.streamStatus, latencyMarker: output.latencyMarker, sideOutput: output.sideOutput)
}
