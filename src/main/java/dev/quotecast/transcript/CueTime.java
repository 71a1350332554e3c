package dev.quotecast.transcript;

/**
 * A cue time as WebVTT and SubRip write it, {@code [h:]mm:ss.ttt}: what the regex
 * {@code ^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$} accepts (hours of 1–3 digits, minutes of
 * 1–2, seconds of 2, a fraction of 1–3 after {@code .} or {@code ,}), with seconds below 60 and,
 * when there are hours, minutes below 60. Read digit by digit: the regex was most of the time of
 * each cue in a 1,000-episode cold build (issue 20). Each format turns the fields into its own
 * unit, as it did from the regex's groups.
 *
 * @param fractionDigits how many digits the fraction was written with ("5" is half a second, "005" five milliseconds)
 */
record CueTime(int hours, int minutes, int seconds, int fraction, int fractionDigits) {

    /** The time {@code token} writes (surrounding white space stripped), or null when it is not one. */
    static CueTime parse(String token) {
        String t = token.strip();
        int n = t.length(), i = 0;
        int[] fields = new int[3];
        int[] digits = new int[3];
        int count = 0;
        while (true) {
            if (count == 3) return null;
            int from = i, value = 0;
            while (i < n && i - from < 4 && isDigit(t.charAt(i))) value = value * 10 + (t.charAt(i++) - '0');
            if (i == from) return null;
            fields[count] = value;
            digits[count++] = i - from;
            if (i < n && t.charAt(i) == ':') {
                i++;
                continue;
            }
            break;
        }
        if (count < 2 || i >= n || t.charAt(i) != '.' && t.charAt(i) != ',') return null;
        boolean hours = count == 3;
        if (hours && digits[0] > 3 || digits[count - 2] > 2 || digits[count - 1] != 2) return null;
        int from = ++i, fraction = 0;
        while (i < n && isDigit(t.charAt(i))) {
            if (i - from == 3) return null;
            fraction = fraction * 10 + (t.charAt(i++) - '0');
        }
        if (i == from || i != n) return null;
        int min = fields[count - 2], s = fields[count - 1];
        if (s >= 60 || (hours && min >= 60)) return null;
        return new CueTime(hours ? fields[0] : 0, min, s, fraction, i - from);
    }

    /** What {@code \d} matches in a Java regex: ASCII digits only. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
