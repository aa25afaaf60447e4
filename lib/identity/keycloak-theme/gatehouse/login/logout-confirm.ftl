<#ftl output_format="HTML">
<#-- The logout confirmation, as the embedded identity server's logoutConfirmPage. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout pageTitle=msg("logoutConfirmTitle"); section>
<#if section = "header">
${msg("logoutConfirmHeader")}
<#elseif section = "form">
<form id="kc-logout-confirm" action="${url.logoutConfirmAction}" method="post" onsubmit="confirmLogout.disabled = true; return true;">
<input type="hidden" name="session_code" value="${logoutConfirm.code}">
<button type="submit" id="kc-logout" name="confirmLogout" value="${msg('doLogout')}" autofocus>${msg("doLogout")}</button>
</form>
<#if !logoutConfirm.skipLink && (client.baseUrl)?has_content>
<p><a href="${client.baseUrl}">${msg("backToApplication")}</a></p>
</#if>
</#if>
</@layout.registrationLayout>
