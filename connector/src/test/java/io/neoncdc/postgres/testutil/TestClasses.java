package io.neoncdc.postgres.testutil;

/** Which test class a test helper is called from: the first caller outside this package. */
final class TestClasses {
    private static final String HELPERS = TestClasses.class.getPackageName() + ".";

    private TestClasses() {}

    /**
     * The top-level class of the first stack frame outside the test helpers (a nested class counts
     * as its enclosing class), or {@code "unknown"}.
     */
    static String caller() {
        return StackWalker.getInstance()
                .walk(
                        frames ->
                                frames.map(StackWalker.StackFrame::getClassName)
                                        .filter(n -> !n.startsWith(HELPERS) || isTest(n))
                                        .findFirst())
                .map(TestClasses::topLevel)
                .orElse("unknown");
    }

    /** A test class that lives in this package (e.g. PostgresTestServerITCase). */
    private static boolean isTest(String className) {
        String simple = topLevel(className).substring(HELPERS.length());
        return simple.endsWith("ITCase") || simple.endsWith("Test");
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }
}
