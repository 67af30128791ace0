package com.krenalis.transform.python.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.Py;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PySystemState;

/**
 * The standard library modules a function may import, and exactly which of their names it sees. A function never
 * gets a real module: it gets a facade, a fresh module object holding only the names below (functions, classes and
 * constants; never submodules, private names, or anything that reads files, opens sockets or runs processes).
 */
final class AllowedModules {
    private AllowedModules() {
    }

    /** Module name to the names its facade exposes. */
    static final Map<String, List<String>> EXPORTS = new TreeMap<>(Map.ofEntries(
            Map.entry("base64", List.of("b64encode", "b64decode", "urlsafe_b64encode", "urlsafe_b64decode",
                    "standard_b64encode", "standard_b64decode", "b32encode", "b32decode", "b16encode", "b16decode")),
            Map.entry("calendar", List.of("timegm", "monthrange", "isleap", "leapdays", "weekday",
                    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")),
            Map.entry("collections", List.of("OrderedDict", "defaultdict", "Counter", "namedtuple", "deque")),
            Map.entry("copy", List.of("copy", "deepcopy")),
            Map.entry("datetime", List.of("date", "datetime", "time", "timedelta", "tzinfo", "MINYEAR", "MAXYEAR")),
            Map.entry("functools", List.of("partial", "reduce", "wraps", "total_ordering", "cmp_to_key")),
            Map.entry("hashlib", List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512")),
            Map.entry("itertools", List.of("chain", "combinations", "combinations_with_replacement", "compress",
                    "count", "cycle", "dropwhile", "groupby", "ifilter", "ifilterfalse", "imap", "islice", "izip",
                    "izip_longest", "permutations", "product", "repeat", "starmap", "takewhile", "tee")),
            Map.entry("json", List.of("dumps", "loads", "JSONEncoder", "JSONDecoder")),
            Map.entry("math", List.of("acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "copysign",
                    "cos", "cosh", "degrees", "e", "erf", "erfc", "exp", "expm1", "fabs", "factorial", "floor", "fmod",
                    "frexp", "fsum", "gamma", "hypot", "isinf", "isnan", "ldexp", "lgamma", "log", "log10", "log1p",
                    "modf", "pi", "pow", "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc")),
            // The functions of a Random instance of the function's own (FunctionScope): seeding one function's
            // generator does not change another's.
            Map.entry("random", List.of("random", "randint", "randrange", "choice", "shuffle", "sample", "uniform",
                    "gauss", "getrandbits", "seed")),
            Map.entry("re", List.of("compile", "search", "match", "split", "findall", "finditer", "sub", "subn",
                    "escape", "error", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE", "S", "DOTALL", "U",
                    "UNICODE", "X", "VERBOSE")),
            Map.entry("string", List.of("ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits",
                    "octdigits", "punctuation", "printable", "whitespace", "capwords", "Template")),
            // No sleep: a transformation has nothing to wait for.
            Map.entry("time", List.of("time", "gmtime", "localtime", "mktime", "strftime", "strptime", "asctime",
                    "ctime", "timezone", "altzone", "daylight", "tzname")),
            Map.entry("unicodedata", List.of("normalize", "category", "name", "lookup", "combining", "decimal",
                    "digit", "numeric", "east_asian_width", "mirrored", "bidirectional", "decomposition")),
            Map.entry("urlparse", List.of("urlparse", "urlsplit", "urlunparse", "urlunsplit", "urljoin", "parse_qs",
                    "parse_qsl")),
            // uuid1 and getnode are left out: they read the host's network interfaces (and may run ifconfig).
            Map.entry("uuid", List.of("UUID", "uuid3", "uuid4", "uuid5", "NAMESPACE_DNS", "NAMESPACE_URL",
                    "NAMESPACE_OID", "NAMESPACE_X500"))));

    static final List<String> NAMES = List.copyOf(EXPORTS.keySet());

    /**
     * A new facade of {@code name}: a module object holding only its exported names. The values come from the real
     * module ({@code source}), or from the function's own Random for {@code random}.
     */
    static PyObject facade(String name, PyObject source) {
        List<String> names = EXPORTS.get(name);
        PyStringMap dict = new PyStringMap();
        dict.__setitem__("__name__", new PyString(name));
        for (String export : names) {
            PyObject value = source.__findattr__(export);
            if (value == null || !AttributeGuard.isFacadeValue(value)) {
                throw new IllegalStateException("module " + name + " has no usable " + export);
            }
            dict.__setitem__(export, value);
        }
        return new PyModule(name, dict);
    }

    /**
     * Runs, once per runtime and before Java imports are shut off, the paths of the modules that import lazily
     * (strptime, codecs, hashing), so that no function triggers those imports later.
     */
    static void warmUp(PySystemState sys) {
        String code = """
                import datetime, time, json, re, hashlib, unicodedata, base64, uuid, random, calendar
                datetime.datetime.strptime('2024-01-02 03:04:05', '%Y-%m-%d %H:%M:%S').isoformat()
                time.strptime('2024', '%Y'); time.strftime('%Y', time.gmtime(0))
                json.loads(json.dumps({u'\\u00e9': [1, 2.5, None, True]}))
                re.compile(u'(?iu)^\\\\w+@\\\\w+$').match(u'a@b')
                hashlib.sha256(b'x').hexdigest(); hashlib.md5(b'x').hexdigest()
                unicodedata.normalize('NFC', u'e\\u0301')
                base64.b64decode(base64.b64encode(b'x'))
                u'\\u00e9'.encode('utf-8').decode('utf-8'); u'x'.encode('latin-1'); u'x'.encode('utf-16')
                str(uuid.uuid4()); uuid.uuid5(uuid.NAMESPACE_DNS, 'x')
                random.Random().random()
                calendar.timegm((2024, 1, 1, 0, 0, 0))
                """;
        PyStringMap namespace = new PyStringMap();
        Py.runCode(Py.compile_flags(code, "<krenalis warm-up>", CompileMode.exec, new CompilerFlags()), namespace,
                namespace);
        if (sys.modules.__finditem__("_strptime") == null) {
            throw new IllegalStateException("warm-up did not load _strptime");
        }
    }
}
