package com.krenalis.transform.python.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyBoolean;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;
import org.python.core.PyUnicode;

/**
 * Converts what {@code transform} returned into a record, counting its size as compact JSON on the way so that an
 * oversized (or cyclic) result is refused without being built in full. Reads Jython's data structures directly, so
 * no user code (an overridden {@code __iter__} or {@code __str__}) runs outside the call's time limit.
 */
final class RecordOutput {
    private final int maxBytes;
    private long bytes;

    private RecordOutput(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The output record of a dict; throws {@link OutputException} for anything that is not a record. */
    static Map<String, Object> convert(PyObject result, int maxBytes) throws OutputException {
        if (!(result instanceof PyDictionary dict)) {
            throw new OutputException("transform must return a dict (the output record) or None (to drop the"
                    + " record), not " + result.getType().getName());
        }
        return new RecordOutput(maxBytes).map(dict, "", 0);
    }

    private Map<String, Object> map(PyDictionary dict, String path, int depth) throws OutputException {
        depth(path, depth);
        Map<String, Object> map = new LinkedHashMap<>();
        count(2 + Math.max(0, dict.getMap().size() - 1), path); // braces and commas
        for (Map.Entry<PyObject, PyObject> e : dict.getMap().entrySet()) {
            if (!(e.getKey() instanceof PyString)) {
                throw new OutputException(at(path) + "has a key of type " + e.getKey().getType().getName()
                        + "; keys of records are strings");
            }
            String key = string((PyString) e.getKey(), path);
            String child = path.isEmpty() ? key : path + "." + key;
            count(jsonLength(key) + 1, path);
            map.put(key, value(e.getValue(), child, depth + 1));
        }
        return map;
    }

    private Object value(PyObject value, String path, int depth) throws OutputException {
        if (value == null || value == Py.None) {
            count(4, path);
            return null;
        } else if (value instanceof PyString s) {
            String text = string(s, path);
            count(jsonLength(text), path);
            return text;
        } else if (value instanceof PyBoolean b) {
            count(b.getBooleanValue() ? 4 : 5, path);
            return b.getBooleanValue();
        } else if (value instanceof PyInteger i) {
            return number((long) i.getValue(), path);
        } else if (value instanceof PyLong l) {
            BigInteger big = l.getValue();
            return big.bitLength() < 64 ? number(big.longValue(), path) : number(new BigDecimal(big), path);
        } else if (value instanceof PyFloat f) {
            return number(f.getValue(), path);
        } else if (value instanceof PyDictionary d) {
            return map(d, path, depth);
        } else if (value instanceof PyList || value instanceof PyTuple) {
            depth(path, depth);
            PyObject[] elements = value instanceof PyList list ? list.getArray() : ((PyTuple) value).getArray();
            count(2 + Math.max(0, elements.length - 1), path);
            List<Object> result = new ArrayList<>(elements.length);
            for (int i = 0; i < elements.length; i++) {
                result.add(value(elements[i], path + "[" + i + "]", depth + 1));
            }
            return result;
        }
        throw new OutputException(at(path) + "is a " + value.getType().getName() + ", which is not a record value"
                + " (use str, int, float, bool, None, list or dict)");
    }

    private Object number(Object n, String path) throws OutputException {
        count(n.toString().length(), path);
        return n;
    }

    /** Text: unicode as is; byte strings must be UTF-8 (they come from encode(), base64, hashlib...). */
    private static String string(PyString s, String path) throws OutputException {
        if (s instanceof PyUnicode) {
            return s.getString();
        }
        String bytes = s.getString(); // one char per byte
        boolean ascii = bytes.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return bytes;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw new OutputException(at(path) + "is a byte string that is not UTF-8; decode it to text first");
        }
    }

    private void count(long n, String path) throws OutputException {
        bytes += n;
        if (bytes > maxBytes) {
            throw new OutputException("the output record is larger than " + maxBytes + " bytes as JSON (the limit)"
                    + (path.isEmpty() ? "" : "; reached at '" + path + "'"));
        }
    }

    private static void depth(String path, int depth) throws OutputException {
        if (depth > PythonValues.MAX_DEPTH) {
            throw new OutputException(at(path) + "is nested more than " + PythonValues.MAX_DEPTH
                    + " deep (does the output contain itself?)");
        }
    }

    /** Bytes of a string as a JSON string literal in UTF-8 (quotes and escapes included). */
    static long jsonLength(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++; // the pair is one 4-byte character
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String at(String path) {
        return path.isEmpty() ? "the output record " : "output field '" + path + "' ";
    }

    /** The result is not a record, or breaks a limit; the message is for the function's author. */
    static final class OutputException extends Exception {
        private static final long serialVersionUID = 1L;

        OutputException(String message) {
            super(message);
        }
    }
}
