package io.github.apimupgrade.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A minimal line diff (longest common subsequence) printed as {@code -old} / {@code +new} lines, optionally in headed hunks. */
public final class LineDiff {
    private LineDiff() {
    }

    public static List<String> diff(List<String> before, List<String> after) {
        return hunks(before, after, null);
    }

    /**
     * The same diff with a header before each run of changed lines, {@code @@ line N [section] @@}: N is the line of
     * the new text where the change is, and the section the nearest line above it that {@code section} accepts (a
     * TOML table header), so that two identical {@code -type = "h2"} lines tell which table each belongs to.
     * A null {@code section} gives no headers.
     */
    public static List<String> hunks(List<String> before, List<String> after, Predicate<String> section) {
        int n = before.size();
        int m = after.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = before.get(i).equals(after.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        boolean inHunk = false;
        while (i < n || j < m) {
            boolean same = i < n && j < m && before.get(i).equals(after.get(j));
            if (!same && !inHunk && section != null) {
                out.add("@@ line " + (j + 1) + enclosing(after, j, section) + " @@");
            }
            inHunk = !same;
            if (same) {
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("-" + before.get(i++));
            } else {
                out.add("+" + after.get(j++));
            }
        }
        return out;
    }

    private static String enclosing(List<String> lines, int at, Predicate<String> section) {
        for (int k = Math.min(at, lines.size()) - 1; k >= 0; k--) {
            if (section.test(lines.get(k))) {
                return " " + lines.get(k).trim();
            }
        }
        return "";
    }
}
