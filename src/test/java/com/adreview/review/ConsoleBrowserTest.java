package com.adreview.review;

import static com.adreview.review.ReviewApi.pending;
import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A reviewer's day in a real headless Chromium (Debian's chromium and chromium-driver, installed by
 * .ci/run): open the queue, claim a case, see the evidence highlighted, reject it with a reason; then
 * decide the advertiser's appeal. Screenshots of the case page land in target/console-screenshots.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = com.adreview.testing.Browsers.SCREENSHOTS;

    private static ChromeDriver browser;

    @TestHTTPResource("/console")
    URL console;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = com.adreview.testing.Browsers.headlessChromium();
    }

    /**
     * Opens the console with the reviewer's credentials in the URL: the browser answers the console's
     * Basic challenge with them, and keeps sending them for the console's pages and forms.
     */
    private void signIn() {
        signIn("li", "li");
    }

    private void signIn(String user, String password) {
        browser.get(console.getProtocol() + "://" + user + ":" + password + "@" + console.getHost() + ":"
                + console.getPort() + console.getPath());
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReviewerClaimsACaseSeesTheEvidenceRejectsItAndThenDecidesTheAppeal() throws IOException {
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String account = Api.staff()
                .get("/v1/submissions/{id}", submissionId)
                .then()
                .extract()
                .path("accountId");
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"advertiserAccountId\":\"" + account
                        + "\"},\"source\":\"USER\",\"category\":\"MISLEADING\","
                        + "\"amountInvolved\":{\"amount\":5000,\"currency\":\"CNY\"},\"description\":\"宣传名额有限，实际长期招募\","
                        + "\"reporterId\":\"user-console\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);

        // The queue, as a reviewer signed in (the development user li, with HTTP Basic).
        browser.manage().window().setSize(new Dimension(1366, 1000));
        signIn();
        assertThat(browser.findElement(By.id("reviewer-name")).getText()).isEqualTo("li");
        browser.get(console + "?topic=PRESSURE_TACTICS&category=P2P_LENDING");
        WebElement row = browser.findElement(By.cssSelector("tr[data-submission='" + submissionId + "']"));
        assertThat(row.getText()).contains("INTAKE", "PRESSURE_TACTICS");
        row.findElement(By.cssSelector("button.claim")).click();

        // The case page: claimed, the package laid out, the evidence highlighted where it was found.
        await(() -> browser.findElement(By.id("case-state")).getText().equals("CLAIMED"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Claimed");
        List<String> marked =
                browser.findElements(By.cssSelector("dd[data-field='creative.body'] mark.evidence")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(marked).contains("名额有限", "先到先得");
        assertThat(browser.findElement(By.id("package")).getText()).contains("北京恒远网络科技有限公司", "京ICP证160221号");
        // The complaint as staff need it: who reported it, through which source, the money as people write it.
        assertThat(browser.findElement(By.id("complaints")).getText())
                .contains("宣传名额有限，实际长期招募", "来源 source USER", "举报人 reporter user-console", "CNY 5,000");
        assertThat(browser.findElement(By.id("findings")).getText()).contains("PRESSURE_TACTICS", "pressure-tactics");
        browser.manage().window().setSize(new Dimension(1366, 1500));
        screenshot("case-page.png");
        fitsWithoutSidewaysScrolling(820, 1180, "case-page-tablet.png");
        browser.manage().window().setSize(new Dimension(1366, 1000));

        // Reject, with the reason the form insists on.
        browser.findElement(By.id("outcome-reject")).click();
        browser.findElement(By.id("reason")).sendKeys("以虚假稀缺制造紧迫感，诱导出借");
        browser.findElement(By.id("submit-decision")).click();
        await(() -> browser.findElement(By.id("submission-status")).getText().equals("REJECTED"));
        assertThat(browser.findElement(By.id("resolution")).getText()).contains("REJECT", "以虚假稀缺制造紧迫感");
        Api.staff()
                .get("/v1/submissions/{id}", submissionId)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo("REJECTED"))
                .body("statusChanges[-1].actor", org.hamcrest.Matchers.equalTo("li"));

        // The advertiser appeals; the reviewer finds the appeal in the queue and grants it.
        String appealCase = Api.gateway(account)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"名额确为50个，附活动公告\",\"evidence\":\"公告链接 https://www.hengyuan-p2p.cn/notice/50\","
                        + "\"findings\":[\"pressure-tactics\"]}")
                .post("/v1/submissions/{id}/appeals", submissionId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        browser.get(console + "?kind=APPEAL&category=P2P_LENDING");
        browser.findElement(By.cssSelector("tr[data-case='" + appealCase + "'] button.claim"))
                .click();
        await(() -> browser.findElement(By.id("case-state")).getText().equals("CLAIMED"));
        assertThat(browser.findElement(By.id("appeal")).getText()).contains("名额确为50个，附活动公告", "pressure-tactics");
        screenshot("appeal-page.png");
        browser.findElement(By.id("outcome-approve")).click();
        browser.findElement(By.cssSelector("input[name='dismiss'][value='pressure-tactics']"))
                .click();
        browser.findElement(By.id("reason")).sendKeys("公告属实，名额确有限制");
        browser.findElement(By.id("submit-decision")).click();
        await(() -> browser.findElement(By.id("submission-status")).getText().equals("APPROVED"));
        // The ad's history says what happened in a reviewer's words: the appeal, its verdict, its effect.
        assertThat(browser.findElement(By.id("history")).getText())
                .contains(
                        "广告主提出申诉 The advertiser appealed",
                        "申诉裁定：成立 Appeal decided: granted",
                        "申诉成立，广告恢复 Appeal granted: the ad is approved and runs again (REJECTED → APPROVED)");
        Api.staff()
                .get("/v1/reviews/{id}", appealCase)
                .then()
                .body("resolution.outcome", org.hamcrest.Matchers.equalTo("APPROVE"))
                .body("resolution.dismissedFindings", org.hamcrest.Matchers.contains("pressure-tactics"));
    }

    @Test
    void aDecisionWithoutAReasonIsNotSent() {
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = ReviewApi.caseOf(submissionId);
        signIn();
        browser.get(console + "/cases/" + caseId);
        browser.findElement(By.id("claim")).click();
        await(() -> browser.findElement(By.id("case-state")).getText().equals("CLAIMED"));
        browser.findElement(By.id("outcome-approve")).click();
        browser.findElement(By.id("submit-decision")).click();
        // The browser keeps the form (the reason is required); nothing reached the server.
        assertThat(browser.findElement(By.id("case-state")).getText()).isEqualTo("CLAIMED");
        Api.staff()
                .get("/v1/submissions/{id}", submissionId)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo("PENDING_REVIEW"));
    }

    @Test
    void anAuditorReadsTheConsoleWithoutReviewersActionsAndAnErrorIsAPage() throws IOException {
        String caseId = ReviewApi.caseOf(submit(pending(), "PENDING_REVIEW"));
        signIn("auditor", "auditor");
        assertThat(browser.findElement(By.id("reviewer-name")).getText()).isEqualTo("auditor");
        browser.get(console + "?topic=PRESSURE_TACTICS&category=P2P_LENDING");
        WebElement row = browser.findElement(By.cssSelector("tr[data-case='" + caseId + "']"));
        assertThat(row.findElements(By.cssSelector("button.claim"))).isEmpty();
        row.findElement(By.cssSelector("a.open-case")).click();
        await(() -> browser.findElement(By.id("case-state")).getText().equals("OPEN"));
        assertThat(browser.findElements(By.id("claim"))).isEmpty();
        assertThat(browser.findElements(By.id("decision-form"))).isEmpty();

        // A case that does not exist: a page of the console, not a problem document.
        browser.get(console + "/cases/0123456789abcdef01234567");
        assertThat(browser.findElement(By.id("error-title")).getText()).contains("Not found");
        assertThat(browser.findElement(By.id("back-to-queue")).isDisplayed()).isTrue();
        assertThat(browser.getPageSource()).doesNotContain("urn:adreview:problem");
        screenshot("error-page.png");
    }

    @Test
    void signingOutLeavesTheConsoleUntilTheReviewerSignsInAgain() {
        signIn();
        assertThat(browser.findElement(By.id("reviewer-name")).getText()).isEqualTo("li");
        browser.findElement(By.id("sign-out")).click();
        await(() -> browser.findElement(By.id("signed-out")).isDisplayed());
        assertThat(browser.findElements(By.id("reviewer-name"))).isEmpty();

        // The next visit is challenged: the browser asks for credentials again (headless Chromium shows an
        // empty page where a person would see its sign-in dialog), not the queue with the old ones.
        browser.get(console.toString());
        await(() -> "complete".equals(((JavascriptExecutor) browser).executeScript("return document.readyState")));
        assertThat(browser.findElements(By.id("queue"))).isEmpty();
        assertThat(browser.findElements(By.id("reviewer-name"))).isEmpty();

        signIn();
        assertThat(browser.findElement(By.id("reviewer-name")).getText()).isEqualTo("li");
    }

    private void fitsWithoutSidewaysScrolling(int width, int height, String file) throws IOException {
        browser.manage().window().setSize(new Dimension(width, height));
        Object overflow = ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue())
                .as("sideways overflow at %d px", width)
                .isLessThanOrEqualTo(0);
        screenshot(file);
    }

    private static void screenshot(String file) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Polls the page until the condition holds (a form post redirects and reloads it), for up to 10 s. */
    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (org.openqa.selenium.NoSuchElementException
                    | org.openqa.selenium.StaleElementReferenceException e) {
                // the page is still loading
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not get there in 10 s: " + browser.getCurrentUrl() + "\n"
                        + browser.getPageSource());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
