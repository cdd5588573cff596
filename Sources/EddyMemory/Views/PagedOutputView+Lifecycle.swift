extension PagedOutputView {
    /// Moves the write position back to `position` (a value of ``position`` read earlier), releases
    /// the segments past it and clears ``overflowed``: rolls back a record that did not fit.
    public mutating func rewind(to position: Int) {
        precondition(position >= 0 && position <= self.position || overflowed, "rewind past the written bytes")
        let keep = position == 0 ? 0 : (position - 1) / segmentSize + 1
        if keep < segments.count {
            owner.release(segments[keep...])
            segments.removeSubrange(keep...)
        }
        overflowed = false
        if let last = segments.last {
            currentBase = last.base
            offsetInSegment = position - (segments.count - 1) * segmentSize
        } else {
            currentBase = nil
            offsetInSegment = segmentSize
        }
    }

    /// Releases every segment to the owner; the view can be written again from position 0.
    /// Keeps the array's capacity, so a reused view allocates nothing.
    public mutating func reset() { rewind(to: 0) }

    /// A reader over the bytes written so far. The segments stay owned by this view: read before
    /// the view is reset.
    public func makeInputView() -> PagedInputView {
        PagedInputView(segments: segments, byteCount: position)
    }
}
