# Trusted code of the Python transformation engine, run by PythonRuntime in its own namespace (never reachable from
# user functions). It checks a user function's source and rewrites it so that every attribute access, attribute
# assignment and import goes through the guards of AttributeGuard and FunctionScope. See the module README.
import __future__
import ast
import sys

# The language users write: Python 2.7 with the Python 3 behaviours a newcomer expects.
FUTURE_FLAGS = (__future__.division.compiler_flag | __future__.print_function.compiler_flag
                | __future__.unicode_literals.compiler_flag | __future__.absolute_import.compiler_flag)

GETATTR = '__kr_getattr__'
WRITABLE = '__kr_writable__'
IMPORT = '__kr_import__'

# The only attributes starting with '_' that code may name: a base class's initializer, a class's name. The guard
# decides at run time on which objects (AttributeGuard).
ALLOWED_PRIVATE_ATTRIBUTES = frozenset(['__init__', '__name__'])

# Top-level Java packages (and Jython's embedded libraries) that the runtime refuses to import once it is warm.
JAVA_ROOTS = frozenset(['java', 'javax', 'jdk', 'sun', 'com', 'org', 'net', 'jnr', 'jline', 'kotlin', 'scala'])


class Rejected(Exception):
    """The source uses something the sandbox does not allow; carries the line for the message."""

    def __init__(self, node, message):
        Exception.__init__(self, message)
        self.lineno = getattr(node, 'lineno', 0)
        self.message = message


class Policy(object):
    """What the checker allows, handed over by Java (FunctionScope)."""

    def __init__(self, modules, withheld, guarded):
        self.modules = frozenset(modules)  # importable module names
        self.withheld = frozenset(withheld)  # builtins that do not exist for user code (open, eval, ...)
        self.guarded = frozenset(guarded)  # builtins replaced by guards: they cannot be rebound or deleted


class Sandboxer(ast.NodeTransformer):
    """Rejects what is not allowed and routes attribute access and imports through the guards."""

    def __init__(self, policy):
        self.policy = policy
        self.class_body = [False]  # whether the innermost scope is a class body

    def generic_visit(self, node):
        # ast.NodeTransformer's own assigns lists in place (old[:] = new), which Jython's AST lists get wrong when
        # the length changes (an import becoming two assignments): build new lists instead.
        for field, old in ast.iter_fields(node):
            if isinstance(old, list):
                new = []
                for item in old:
                    if isinstance(item, ast.AST):
                        item = self.visit(item)
                        if item is None:
                            continue
                        if isinstance(item, list):
                            new.extend(item)
                            continue
                    new.append(item)
                setattr(node, field, new)
            elif isinstance(old, ast.AST):
                setattr(node, field, self.visit(old))
        return node

    # --- names -------------------------------------------------------------------------------------------------
    def check_name(self, node, name, binding):
        if name is None:
            return
        if name.startswith('__'):
            raise Rejected(node, "names starting with '__' are not allowed: %s" % name)
        if name in self.policy.withheld:
            raise Rejected(node, "'%s' is not available in transformations" % name)
        if binding and name in self.policy.guarded:
            raise Rejected(node, "'%s' cannot be assigned or deleted in transformations" % name)

    def visit_Name(self, node):
        self.check_name(node, node.id, not isinstance(node.ctx, ast.Load))
        return node

    def visit_Global(self, node):
        for name in node.names:
            self.check_name(node, name, True)
        return node

    def visit_arguments(self, node):
        self.check_name(node, node.vararg, True)
        self.check_name(node, node.kwarg, True)
        return self.generic_visit(node)

    def visit_FunctionDef(self, node):
        special = node.name.startswith('__') and node.name.endswith('__') and len(node.name) > 4
        if not (special and self.class_body[-1]):  # special methods (__init__, __eq__...) may be defined in classes
            self.check_name(node, node.name, True)
        self.class_body.append(False)
        try:
            return self.generic_visit(node)
        finally:
            self.class_body.pop()

    def visit_Lambda(self, node):
        self.class_body.append(False)
        try:
            return self.generic_visit(node)
        finally:
            self.class_body.pop()

    def visit_ClassDef(self, node):
        self.check_name(node, node.name, True)
        self.class_body.append(True)  # the decorators and bases are visited too, harmlessly as "class body"
        try:
            return self.generic_visit(node)
        finally:
            self.class_body.pop()

    # --- attributes ----------------------------------------------------------------------------------------------
    def visit_Attribute(self, node):
        if node.attr.startswith('_') and node.attr not in ALLOWED_PRIVATE_ATTRIBUTES:
            raise Rejected(node, "attributes starting with '_' are not allowed: %s" % node.attr)
        node.value = self.visit(node.value)
        if isinstance(node.ctx, ast.Load):
            # obj.name -> __kr_getattr__(obj, 'name'): one gate for every attribute read
            return ast.copy_location(call(GETATTR, node, node.value, ast.Str(node.attr)), node)
        # obj.name = v / del obj.name -> __kr_writable__(obj).name: only the function's own objects change
        node.value = ast.copy_location(call(WRITABLE, node, node.value), node)
        return node

    # --- imports -------------------------------------------------------------------------------------------------
    def check_module(self, node, module):
        if module not in self.policy.modules:
            raise Rejected(node, "module '%s' cannot be imported in transformations (allowed: %s)"
                           % (module, ', '.join(sorted(self.policy.modules))))

    def visit_Import(self, node):
        assignments = []
        for alias in node.names:
            self.check_module(node, alias.name)
            target = alias.asname or alias.name
            self.check_name(node, target, True)
            assignments.append(assign(node, target, call(IMPORT, node, ast.Str(alias.name))))
        return assignments

    def visit_ImportFrom(self, node):
        if node.module == '__future__':
            return node  # compiler directives; the ones that matter are on already
        if node.level:
            raise Rejected(node, 'relative imports are not allowed')
        self.check_module(node, node.module)
        assignments = []
        for alias in node.names:
            if alias.name == '*':
                raise Rejected(node, "'from %s import *' is not allowed; import the names you use" % node.module)
            if alias.name.startswith('_'):
                raise Rejected(node, "names starting with '_' cannot be imported: %s" % alias.name)
            target = alias.asname or alias.name
            self.check_name(node, target, True)
            module = call(IMPORT, node, ast.Str(node.module))
            assignments.append(assign(node, target, call(GETATTR, node, module, ast.Str(alias.name))))
        return assignments

    # --- statements that would run code the checker has not seen ---------------------------------------------------
    def visit_Exec(self, node):
        raise Rejected(node, 'exec is not available in transformations')


def call(function, node, *args):
    return ast.copy_location(ast.Call(ast.Name(function, ast.Load()), list(args), [], None, None), node)


def assign(node, target, value):
    return ast.copy_location(ast.Assign([ast.Name(target, ast.Store())], value), node)


def prepare(source, filename, policy):
    """Parses, checks and rewrites a user function's source; returns the code object to run in its namespace."""
    tree = compile(source, filename, 'exec', ast.PyCF_ONLY_AST | FUTURE_FLAGS, True)
    tree = Sandboxer(policy).visit(tree)
    ast.fix_missing_locations(tree)
    return compile(tree, filename, 'exec', FUTURE_FLAGS, True)


class PythonModulesOnly(object):
    """sys.meta_path entry installed once the runtime is warm: Java packages can no longer be imported."""

    def find_module(self, fullname, path=None):
        root = fullname.split('.')[0]
        if root in JAVA_ROOTS or (root == 'io' and fullname != 'io'):
            raise ImportError('%s: Java packages cannot be imported' % fullname)
        return None


class Discard(object):
    """sys.stdout and sys.stderr of the runtime: the standard library's warnings go nowhere."""

    def write(self, text):
        pass

    def flush(self):
        pass


def lock_down():
    """After warm-up: no Java imports, no output, no warnings."""
    for name in list(sys.modules.keys()):
        root = name.split('.')[0]
        if root in JAVA_ROOTS or (root == 'io' and name != 'io'):
            del sys.modules[name]
    sys.path[:] = [p for p in sys.path if p != '__classpath__']
    sys.meta_path.insert(0, PythonModulesOnly())
    sys.stdout = sys.stderr = Discard()
    import warnings
    warnings.simplefilter('ignore')
