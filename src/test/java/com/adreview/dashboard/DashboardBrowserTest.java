package com.adreview.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
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
import java.time.Instant;
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
 * The dashboard and the alerts page in a real headless Chromium, as an admin sees them after a week with
 * a complaint surge in one category: the banner, the charts with their numbers one click away, the alert
 * with its trend and its actions. Screenshots land in target/console-screenshots (README's come from there).
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class DashboardBrowserTest {

    static final Path SCREENSHOTS = com.adreview.testing.Browsers.SCREENSHOTS;

    private static ChromeDriver browser;
    private static int reporters;

    @TestHTTPResource("/console/dashboard")
    URL dashboard;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = com.adreview.testing.Browsers.headlessChromium();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String advertise(String example, String category) {
        TestPackages ad = TestPackages.example(example).asNewEntity().with("category", category);
        Api.submit(ad).statusCode(201);
        return ad.json().at("/advertiser/accountId").asText();
    }

    private static void complain(String account, String source, Instant at) {
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"advertiserAccountId\":\"" + account + "\"},\"source\":\"" + source
                        + "\",\"category\":\"WITHDRAWAL_BLOCKED\",\"description\":\"无法提现\",\"reporterId\":\"r-"
                        + (++reporters) + "\",\"receivedAt\":\"" + at + "\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
        com.adreview.testing.Surges.checked();
    }

    @Test
    void anAdminSeesTheWeekAtAGlanceAndTheSurgeThatNeedsThem() throws IOException {
        Instant now = Instant.now();
        // A week of work: decisions of every kind, and complaints rising across one category's advertisers.
        for (String example :
                new String[] {"02-rejected-guarantee", "03-rejected-filing-only", "05-pending-landing-domain"}) {
            advertise(example, "P2P_LENDING");
        }
        for (int e = 0; e < 6; e++) {
            String account = advertise("01-approved-p2p", "WEALTH_MANAGEMENT");
            for (int k = 0; k <= e % 3 + 1; k++) {
                complain(account, k == 0 && e == 0 ? "MEDIA" : "USER", now.minus(Duration.ofHours(20L * (k + 1) + e)));
            }
        }

        browser.manage().window().setSize(new Dimension(1366, 1100));
        browser.get(dashboard.getProtocol() + "://admin:admin@" + dashboard.getHost() + ":" + dashboard.getPort()
                + dashboard.getPath() + "?days=7");
        assertThat(browser.findElement(By.id("alert-banner")).getText()).contains("Complaint surge");
        assertThat(browser.findElement(By.id("range-7")).getAttribute("aria-current"))
                .isEqualTo("page");
        WebElement decisions = browser.findElement(By.id("panel-decisions"));
        assertThat(decisions.findElement(By.cssSelector("svg title")).getAttribute("textContent"))
                .contains("Decisions per day");
        assertThat(decisions.findElements(By.cssSelector("svg rect"))).isNotEmpty();
        // The numbers behind the chart, one click away.
        WebElement numbers = browser.findElement(By.id("numbers-decisions"));
        assertThat(numbers.findElement(By.tagName("table")).isDisplayed()).isFalse();
        numbers.findElement(By.tagName("summary")).click();
        assertThat(numbers.findElement(By.tagName("table")).isDisplayed()).isTrue();
        assertThat(numbers.findElement(By.tagName("table")).getText()).contains("REJECTED", "PENDING_REVIEW");
        browser.findElement(By.cssSelector("#numbers-complaints-ad-category summary"))
                .click();
        assertThat(browser.findElement(By.id("numbers-complaints-ad-category")).getText())
                .contains("WEALTH_MANAGEMENT");
        // And as a file, from every panel.
        WebElement csv = browser.findElement(By.id("csv-decisions"));
        assertThat(csv.isDisplayed()).isTrue();
        assertThat(csv.getAttribute("href")).endsWith("/console/dashboard/decisions.csv?days=7");
        assertThat(browser.findElements(By.cssSelector("p.csv a[download]"))).hasSize(8);
        browser.manage().window().setSize(new Dimension(1366, 1900));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("dashboard.png");

        browser.findElement(By.id("range-30")).click();
        await(() -> "page".equals(browser.findElement(By.id("range-30")).getAttribute("aria-current")));
        assertThat(browser.findElements(By.cssSelector("#panel-decisions svg rect")))
                .isNotEmpty();

        browser.manage().window().setSize(new Dimension(820, 1180));
        Object overflow = ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue())
                .as("sideways overflow at 820 px")
                .isLessThanOrEqualTo(0);
        screenshot("dashboard-tablet.png");

        // The banner leads to the alert: the category, its numbers, its trend, and an admin's actions.
        browser.manage().window().setSize(new Dimension(1366, 1000));
        browser.findElement(By.cssSelector("#alert-banner a")).click();
        await(() -> !browser.findElements(By.cssSelector("section.alert[data-subject='WEALTH_MANAGEMENT']"))
                .isEmpty());
        WebElement alert = browser.findElement(By.cssSelector("section.alert[data-subject='WEALTH_MANAGEMENT']"));
        assertThat(alert.getText()).contains("Entities rising", "Recommendation");
        assertThat(alert.findElements(By.cssSelector("button.acknowledge"))).hasSize(1);
        assertThat(alert.findElements(By.cssSelector("button.suspend"))).hasSize(1);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", alert);
        screenshot("alerts.png");
        alert.findElement(By.cssSelector("input[name=note]")).sendKeys("看过了 Seen; watching the category");
        alert.findElement(By.cssSelector("button.acknowledge")).click();
        await(() -> browser.findElement(By.id("notice")).getText().contains("Acknowledged"));
        Api.auditor()
                .queryParam("state", "ACKNOWLEDGED")
                .queryParam("limit", 100)
                .get("/v1/alerts")
                .then()
                .body(
                        "items.find { it.subject == 'WEALTH_MANAGEMENT' }.acknowledgement.by",
                        org.hamcrest.Matchers.equalTo("user:admin"));
    }

    private static void screenshot(String file) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

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
                throw new AssertionError("the page did not get there in 10 s: " + browser.getCurrentUrl());
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
