package com.krenalis.transform.javascript.internal;

import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** A guest exception in words for the function's author: the JavaScript error and the line of their source. */
final class GuestError {
    /** The name the user's source is evaluated under; lines are reported only for it. */
    static final String SOURCE_NAME = "transform.js";

    /** GraalJS prefixes syntax errors with {@code transform.js:LINE:COLUMN }; the location is given separately. */
    private static final Pattern LOCATION_PREFIX = Pattern.compile(Pattern.quote(SOURCE_NAME) + ":\\d+:\\d+ ");

    private GuestError() {
    }

    static String describe(PolyglotException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline); // syntax errors go on with the source line and a caret
        }
        message = LOCATION_PREFIX.matcher(message).replaceFirst("");
        SourceSection at = location(e);
        if (at == null) {
            return message;
        }
        return e.isSyntaxError()
                ? message + " (line " + at.getStartLine() + ", column " + at.getStartColumn() + ")"
                : message + " (line " + at.getStartLine() + ")";
    }

    /** Where in the user's source: the exception's own location, else the innermost frame in that source. */
    private static SourceSection location(PolyglotException e) {
        SourceSection own = e.getSourceLocation();
        if (inUserSource(own)) {
            return own;
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && inUserSource(frame.getSourceLocation())) {
                return frame.getSourceLocation();
            }
        }
        return null;
    }

    private static boolean inUserSource(SourceSection s) {
        return s != null && s.isAvailable() && SOURCE_NAME.equals(s.getSource().getName());
    }
}
