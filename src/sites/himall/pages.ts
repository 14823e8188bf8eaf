// Which HiMall admin page is this? Routes are ASP.NET MVC's, case-insensitive, each in the
// platform backend (/Admin) and the seller backend (/SellerAdmin): the rule is
// `core/himall-area.ts`. Predicates only.
import { isHimallPage } from "~core/himall-area"

export { isHimallAdminPath } from "~core/himall-area"

export function isProductManagementPage(url: URL | Location): boolean {
  return isHimallPage(url.pathname, "Product/Management")
}

export function isLiveManagementPage(url: URL | Location): boolean {
  return isHimallPage(url.pathname, "Live/Management")
}

export function isHomepageSettingPage(url: URL | Location): boolean {
  return isHimallPage(url.pathname, "WxSmallProgram/HomePageSetting")
}
