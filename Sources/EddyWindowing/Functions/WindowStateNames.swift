/// Names of the states window operators register.
@usableFromInline
enum WindowStateNames {
    @usableFromInline static var contents: String { "window-contents" }
    @usableFromInline static var mergingWindows: String { "merging-windows" }
}
