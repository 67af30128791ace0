package com.krenalis.transform.python.internal;

import java.util.Arrays;
import org.python.core.Py;
import org.python.core.PyBuiltinFunction;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * {@code str.format} and {@code unicode.format} for user code. The real ones read attributes named inside the
 * template ({@code '{0.__class__}'.format(x)}) without passing through the attribute guard, so this version refuses
 * templates whose fields contain a {@code .}; everything else ({@code {0}}, {@code {name}}, {@code {0[key]}},
 * conversions and format specs) works as usual.
 */
final class SafeFormat extends PyBuiltinFunction {
    private final PyObject template;

    /** @param template the string the method is bound to, or null for the unbound {@code str.format} */
    SafeFormat(PyObject template) {
        super("format", "S.format(*args, **kwargs) -> string, without attribute access in fields");
        this.template = template;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
        PyObject self = template;
        PyObject[] rest = args;
        if (self == null) {
            if (args.length - keywords.length < 1) {
                throw Py.TypeError("format() needs the string to format");
            }
            self = args[0];
            rest = Arrays.copyOfRange(args, 1, args.length);
        }
        if (!(self instanceof PyString)) {
            throw Py.TypeError("format() needs a string, not " + AttributeGuard.describe(self));
        }
        check(((PyString) self).getString());
        return self.__getattr__("format").__call__(rest, keywords);
    }

    /** Refuses attribute access in any replacement field, nested ones included. */
    static void check(String template) {
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (c != '{') {
                continue;
            }
            if (i + 1 < n && template.charAt(i + 1) == '{') {
                i++; // "{{" is a literal brace
                continue;
            }
            int end = i + 1;
            while (end < n && "}!:{".indexOf(template.charAt(end)) < 0) {
                end++;
            }
            String field = template.substring(i + 1, end);
            if (field.indexOf('.') >= 0) {
                throw Py.ValueError("format field '{" + field + "}' reads an attribute, which transformations cannot"
                        + " do in format strings; pass the value itself");
            }
            i = end - 1; // continue scanning inside the spec, where nested fields may start
        }
    }
}
