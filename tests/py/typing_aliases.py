# typing's aliases evaluate like CPython's at run time: reprs, origins, args, equality,
# Union flattening, Optional, Callable, TypeVar, cast; builtin classes subscript into
# GenericAlias (list[int]); a user class's __class_getitem__ is an implicit classmethod.
import typing
from typing import List, Dict, Optional, Union, Any, Callable, Tuple, TypeVar, cast

print(List, List[int], Dict[str, int], Tuple[int, ...], Any)
print(Optional[int], Union[int, str], Union[int], Union[int, int, str])
print(Optional[Union[int, str]], Optional[List[int]])
print(Callable[[int, str], bool], Callable[..., int])
print(typing.get_origin(List[int]), typing.get_args(Dict[str, int]))
print(typing.get_args(Callable[[int], str]), typing.get_origin(int), typing.get_args(int))
print(List[int] == List[int], List[int] == List[str], hash(List[int]) == hash(List[int]))
print(Union[int, str] == Union[str, int])
print(typing.Deque[int], typing.DefaultDict[str, int], typing.Type[int], typing.ClassVar[int])
print(typing.Iterator[int], typing.Generator[int, None, None], typing.Literal[1, "a"])
T = TypeVar("T")
print(T, TypeVar("U", bound=int), TypeVar("K", covariant=True), TypeVar("V", contravariant=True))
print(cast(int, "x"), typing.TYPE_CHECKING)
print(typing.Deque[int]([1, 2]))

print(list[int], dict[str, list[int]], tuple[int, ...], type[int], set[str])
print(list[int]("ab"), list[int] == list[int], list[int].__origin__, list[int].__args__)


class Box:
    def __class_getitem__(cls, item):
        return (cls.__name__, item)


class Crate:
    @classmethod
    def __class_getitem__(cls, item):
        return "Crate of %s" % item.__name__


print(Box[int], Box[int, str], Crate[float])


def total(xs: List[int], scale: Optional[float] = None) -> Dict[str, int]:
    return {"sum": sum(xs) * (scale or 1)}


print(total([1, 2, 3]))
try:
    List()
except TypeError as e:
    print("TypeError:", e)
print(Callable[int, str], Callable[int, str].__args__)
try:
    int[str]
except TypeError as e:
    print("TypeError:", e)
