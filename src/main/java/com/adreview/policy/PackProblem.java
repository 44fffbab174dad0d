package com.adreview.policy;

/**
 * One reason a policy pack is refused, located so a compliance officer can fix it.
 *
 * @param file path of the file relative to the pack directory
 * @param line 1-based line, or 0 when the problem is about the file as a whole
 * @param rule id of the rule concerned, or null
 * @param reason what is wrong
 */
public record PackProblem(String file, int line, String rule, String reason) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
        }
        if (rule != null) {
            s.append(" rule '").append(rule).append('\'');
        }
        return s.append(": ").append(reason).toString();
    }
}
