package com.adreview.policy;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Category;
import com.adreview.engine.Topic;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The labelled development corpus ({@code policies/tests/corpus/*.yaml}): ads written from the seeds'
 * schemes and from how honest ads in each category read, each with the content topics it should get
 * (none for a clean ad) and the reason for that label.
 */
record Corpus(List<Ad> ads) {

    static final String DIRECTORY = "tests/corpus";

    /** The content topics the corpus is labelled with; credential and history topics are not its business. */
    static final Set<Topic> CONTENT_TOPICS = EnumSet.of(
            Topic.GUARANTEED_RETURN,
            Topic.RATE_ABOVE_CAP,
            Topic.OFF_PLATFORM_CONTACT,
            Topic.UPFRONT_FEE,
            Topic.SENSITIVE_DATA_REQUEST,
            Topic.TASK_FOR_REWARD,
            Topic.PRESSURE_TACTICS,
            Topic.BRAND_IMPERSONATION,
            Topic.UNREALISTIC_PROMISE,
            Topic.OBFUSCATED_TEXT);

    /** One labelled ad; {@code file} is where it is written. */
    record Ad(
            String id, String file, Category category, String headline, String body, Set<Topic> topics, String reason) {

        boolean clean() {
            return topics.isEmpty();
        }

        /** The ad on a package every credential rule passes, so only its copy can draw a finding. */
        AdPackage toPackage() {
            AdPackage.Money capital = new AdPackage.Money(new BigDecimal("200000000"), "CNY");
            return new AdPackage(
                    id,
                    category,
                    new AdPackage.Advertiser(
                            "acct-corpus",
                            "北京恒远网络科技有限公司",
                            "91110108558521630L",
                            capital,
                            null,
                            LocalDate.of(2016, 4, 1),
                            "北京市海淀区中关村大街1号"),
                    new AdPackage.Icp("京ICP证160221号", "北京恒远网络科技有限公司", List.of("hengyuan-p2p.cn")),
                    new AdPackage.Product("北京恒远", "hengyuan-p2p.cn", "com.example.hengyuan-p2p", null),
                    new AdPackage.Creative(headline, body, "", "https://www.hengyuan-p2p.cn/"),
                    "市场有风险，出借需谨慎",
                    List.of("BROWSER_FEED"));
        }

        /** Headline and body as one text, as the learned model reads an ad. */
        String copy() {
            return headline + "\n" + body;
        }
    }

    static Corpus load(Path pack) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Ad> ads = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(pack.resolve(DIRECTORY))) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode root = yaml.readTree(file.toFile());
            for (JsonNode a : root.get("ads")) {
                String id = text(a, "id", file);
                if (!ids.add(id)) {
                    throw new IllegalArgumentException(file + ": duplicate ad id " + id);
                }
                Set<Topic> topics = EnumSet.noneOf(Topic.class);
                for (JsonNode t : a.get("topics")) {
                    Topic topic = Topic.valueOf(t.asText());
                    if (!CONTENT_TOPICS.contains(topic)) {
                        throw new IllegalArgumentException(
                                file + ": " + id + " is labelled " + topic + ", which is not a content topic");
                    }
                    topics.add(topic);
                }
                ads.add(new Ad(
                        id,
                        file.getFileName().toString(),
                        Category.valueOf(text(a, "category", file)),
                        a.has("headline") ? a.get("headline").asText() : "",
                        text(a, "body", file),
                        topics,
                        text(a, "reason", file)));
            }
        }
        return new Corpus(List.copyOf(ads));
    }

    private static String text(JsonNode ad, String key, Path file) {
        JsonNode v = ad.get(key);
        if (v == null || v.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": an ad without '" + key + "': " + ad);
        }
        return v.asText();
    }
}
