package io.github.apimupgrade.core.config;

import java.util.ArrayList;
import java.util.List;

/** A minimal line diff (longest common subsequence) printed as {@code -old} / {@code +new} lines. */
public final class LineDiff {
    private LineDiff() {
    }

    public static List<String> diff(List<String> before, List<String> after) {
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
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
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
}
