package io.stepwise.asl.choice;

/**
 * The {@code StringMatches} pattern language: {@code *} matches any run of characters (also none), {@code \*}
 * a literal star and {@code \\} a literal backslash. Any other backslash is an ordinary character. There is
 * no {@code ?} or character class.
 */
final class Glob {
    private Glob() {
    }

    static boolean matches(String pattern, String text) {
        // Greedy matching with a single backtrack point (the last star) is enough for star-only globs and
        // stays linear-ish, unlike a translation to a backtracking regex.
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = ++p;
                starT = t;
            } else if (p < pattern.length() && literalAt(pattern, p) == text.charAt(t)) {
                p += literalWidth(pattern, p);
                t++;
            } else if (starP >= 0) {
                p = starP;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean isEscape(String pattern, int p) {
        if (pattern.charAt(p) != '\\' || p + 1 >= pattern.length()) {
            return false;
        }
        char next = pattern.charAt(p + 1);
        return next == '*' || next == '\\';
    }

    private static char literalAt(String pattern, int p) {
        return isEscape(pattern, p) ? pattern.charAt(p + 1) : pattern.charAt(p);
    }

    private static int literalWidth(String pattern, int p) {
        return isEscape(pattern, p) ? 2 : 1;
    }
}
